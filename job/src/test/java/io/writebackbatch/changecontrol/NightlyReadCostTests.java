package io.writebackbatch.changecontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule that lets an incremental night list everything when re-reading by id would
 * send more requests: ceil(ids / 20) + created-since pages against ceil(last known total
 * / page size).
 */
class NightlyReadCostTests {

	@ParameterizedTest(name = "{0} ids, {1} created-since pages, {2} groups at {3} a page: {4} vs {5}")
	@CsvSource({
			// the week after a large full run (docs/results/2026-12-07-nightly.md)
			"166892, 1, 200000, 999, 8346, 201, true",
			// the steady state: a night's new and drifted groups
			"100, 1, 200000, 999, 6, 201, false",
			// on the boundary the incremental read wins: equal costs, and it is what was
			// asked for
			"4000, 1, 200000, 999, 201, 201, false", "4001, 1, 200000, 999, 202, 201, true",
			// a small tenant fits one page: any re-read costs more than that page
			"1, 1, 40, 999, 2, 1, true", "0, 1, 40, 999, 1, 1, false",
			// nothing known of the tenant (its full listing pruned): one page at least
			"0, 1, 0, 999, 1, 1, false", "21, 1, 0, 999, 3, 1, true",
			// several created-since pages count too
			"0, 3, 5000, 999, 3, 6, false", "80, 3, 5000, 999, 7, 6, true",
			// a small page size makes the listing dear
			"16000, 1, 20000, 20, 801, 1000, false" })
	void theReReadIsChosenUnlessItWouldSendMoreRequestsThanTheListing(long ids, long createdPages, long total,
			int pageSize, long incremental, long listing, boolean listEverything) {
		NightlyReadCost cost = new NightlyReadCost(ids, 20, createdPages, total, pageSize);

		assertThat(cost.incrementalRequests()).isEqualTo(incremental);
		assertThat(cost.listingRequests()).isEqualTo(listing);
		assertThat(cost.listingIsCheaper()).isEqualTo(listEverything);
	}

	@Test
	void itsDescriptionNamesBothCountsAndWhatTheyAreMadeOf() {
		assertThat(new NightlyReadCost(166892, 20, 1, 200000, 999).describe()).contains("166892 groups")
			.contains("8346 requests")
			.contains("8345 $batch of 20")
			.contains("listing every group 201")
			.contains("200000 groups at the last full listing, 999 a page");
	}

	@Test
	void aCostThatCannotBeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NightlyReadCost(-1, 20, 1, 10, 999));
		assertThatIllegalArgumentException().isThrownBy(() -> new NightlyReadCost(1, 20, 0, 10, 999));
		assertThatIllegalArgumentException().isThrownBy(() -> new NightlyReadCost(1, 20, 1, 10, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new NightlyReadCost(1, 0, 1, 10, 999));
	}

}
