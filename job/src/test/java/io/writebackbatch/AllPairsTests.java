package io.writebackbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllPairsTests {

	@Test
	void threeTwoValuedFactorsNeedFourRowsAndMeetEveryPair() {
		List<List<?>> factors = List.of(List.of("TERM", "KILL"), List.of("LIST", "WRITE"), List.of("H2", "PG"));

		List<List<Object>> rows = AllPairs.of(factors);

		assertThat(rows).hasSize(4);
		assertEveryPairMet(factors, rows);
	}

	@Test
	void aValueAddedToAFactorAddsTheRowsItsPairsNeed() {
		List<List<?>> factors = List.of(List.of("TERM", "KILL", "OOM"), List.of("LIST", "WRITE"), List.of("H2", "PG"));

		List<List<Object>> rows = AllPairs.of(factors);

		// 3 x 2 pairs of the first two factors need at least 6 rows
		assertThat(rows).hasSizeBetween(6, 7);
		assertEveryPairMet(factors, rows);
	}

	@Test
	void twoFactorsAreTheirFullProduct() {
		List<List<?>> factors = List.of(List.of(1, 2, 3), List.of("a", "b"));

		assertThat(AllPairs.of(factors)).containsExactlyInAnyOrderElementsOf(AllPairs.product(factors));
	}

	private static void assertEveryPairMet(List<List<?>> factors, List<List<Object>> rows) {
		for (int first = 0; first < factors.size(); first++) {
			for (int second = first + 1; second < factors.size(); second++) {
				for (Object a : factors.get(first)) {
					for (Object b : factors.get(second)) {
						int f = first;
						int s = second;
						assertThat(rows).as("a row with %s and %s", a, b)
							.anyMatch(row -> row.get(f).equals(a) && row.get(s).equals(b));
					}
				}
			}
		}
	}

}
