package io.writebackbatch.staging.migration;

import java.sql.Connection;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's job repository tables from the DDL shipped inside
 * spring-batch-core, under Flyway's lock so that two pods starting at once cannot both
 * create them (Boot's own initializer has no such lock).
 */
public class V1__SpringBatchSchema extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		String platform = product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : null;
		if (platform == null) {
			throw new IllegalStateException(
					"unsupported job repository database '" + product + "': use H2 (default) or PostgreSQL");
		}
		ScriptUtils.executeSqlScript(connection,
				new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
	}

}
