package io.writebackbatch.staging;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.PagingQueryProvider;

/**
 * Prefixes the generated {@code ORDER BY group_id} with columns the WHERE clause holds
 * constant.
 */
record IndexOrderedQueryProvider(PagingQueryProvider delegate, List<String> leading) implements PagingQueryProvider {

	private String ordered(String sql) {
		String prefix = String.join(" ASC, ", leading) + " ASC, ";
		String result = sql.replace("ORDER BY group_id ASC", "ORDER BY " + prefix + "group_id ASC");
		if (result.equals(sql)) {
			throw new IllegalStateException("unexpected paging query: " + sql);
		}
		return result;
	}

	@Override
	public void init(DataSource dataSource) throws Exception {
		delegate.init(dataSource);
	}

	@Override
	public String generateFirstPageQuery(int pageSize) {
		return ordered(delegate.generateFirstPageQuery(pageSize));
	}

	@Override
	public String generateRemainingPagesQuery(int pageSize) {
		return ordered(delegate.generateRemainingPagesQuery(pageSize));
	}

	@Override
	public int getParameterCount() {
		return delegate.getParameterCount();
	}

	@Override
	public boolean isUsingNamedParameters() {
		return delegate.isUsingNamedParameters();
	}

	@Override
	public Map<String, Order> getSortKeys() {
		return delegate.getSortKeys();
	}

	@Override
	public String getSortKeyPlaceHolder(String keyName) {
		return delegate.getSortKeyPlaceHolder(keyName);
	}

	@Override
	public Map<String, Order> getSortKeysWithoutAliases() {
		return delegate.getSortKeysWithoutAliases();
	}
}
