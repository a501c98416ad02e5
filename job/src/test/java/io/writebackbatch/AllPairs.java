package io.writebackbatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows of a generated test that meet every pair of values of any two factors at least
 * once (a pairwise covering array), instead of every combination: three two-valued
 * factors need 4 rows, not 8. A value added to a factor adds the rows its pairs need.
 * Greedy: from the full product, in order, take the row covering the most pairs not yet
 * covered, until none is left (small factors only: it walks the product once per row).
 */
public final class AllPairs {

	private AllPairs() {
	}

	/**
	 * The rows, each holding one value of every factor in the order given.
	 * @param factors each factor's values, none empty
	 */
	public static List<List<Object>> of(List<List<?>> factors) {
		List<List<Object>> product = product(factors);
		Set<Pair> uncovered = new HashSet<>();
		product.forEach(row -> uncovered.addAll(pairs(row)));
		List<List<Object>> rows = new ArrayList<>();
		while (!uncovered.isEmpty()) {
			List<Object> best = product.get(0);
			long bestCount = -1;
			for (List<Object> row : product) {
				long count = pairs(row).stream().filter(uncovered::contains).count();
				if (count > bestCount) {
					best = row;
					bestCount = count;
				}
			}
			rows.add(best);
			pairs(best).forEach(uncovered::remove);
		}
		return rows;
	}

	/** Every combination of the factors' values, the first factor varying slowest. */
	public static List<List<Object>> product(List<List<?>> factors) {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(List.of());
		for (List<?> values : factors) {
			List<List<Object>> longer = new ArrayList<>();
			for (List<Object> row : rows) {
				for (Object value : values) {
					List<Object> extended = new ArrayList<>(row);
					extended.add(value);
					longer.add(List.copyOf(extended));
				}
			}
			rows = longer;
		}
		return rows;
	}

	private static Set<Pair> pairs(List<Object> row) {
		Set<Pair> pairs = new HashSet<>();
		for (int first = 0; first < row.size(); first++) {
			for (int second = first + 1; second < row.size(); second++) {
				pairs.add(new Pair(first, row.get(first), second, row.get(second)));
			}
		}
		return pairs;
	}

	private record Pair(int firstFactor, Object firstValue, int secondFactor, Object secondValue) {
	}

}
