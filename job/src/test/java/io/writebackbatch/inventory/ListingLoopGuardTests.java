package io.writebackbatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.domain.Writeback;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GroupPage;
import org.junit.jupiter.api.Test;

/** A listing that goes round in circles is stopped at the first repeat. */
class ListingLoopGuardTests {

	final ListingLoopGuard guard = new ListingLoopGuard();

	@Test
	void aListingThatMovesOnPasses() {
		assertThatCode(() -> {
			guard.check(null, page("a", "b", "link-2"));
			guard.check("link-2", page("c", "d", "link-3"));
			guard.check("link-3", page("e", "f", null));
		}).doesNotThrowAnyException();
	}

	@Test
	void aNextLinkToTheSamePage() {
		guard.check(null, page("a", "b", "link-2"));

		assertThatThrownBy(() -> guard.check("link-2", page("c", "d", "link-2")))
			.isInstanceOfSatisfying(GraphAccessException.class,
					e -> assertThat(e.failureKind()).isEqualTo(FailureKind.INVALID_INPUT))
			.hasMessageContaining("page 2's @odata.nextLink points back to the same page");
	}

	@Test
	void aNextLinkToAnEarlierPage() {
		guard.check(null, page("a", "b", "link-2"));
		guard.check("link-2", page("c", "d", "link-3"));

		assertThatThrownBy(() -> guard.check("link-3", page("e", "f", "link-2")))
			.hasMessageContaining("page 3's @odata.nextLink points back to page 2");
	}

	@Test
	void aPageAlreadyReadUnderAnotherLink() {
		guard.check(null, page("a", "b", "link-2"));
		guard.check("link-2", page("c", "d", "link-2b"));

		assertThatThrownBy(() -> guard.check("link-2b", page("c", "d", "link-2c")))
			.hasMessageContaining("page 3 repeats groups c to d of an earlier page");
	}

	private static GroupPage page(String first, String last, String next) {
		return new GroupPage(List.of(group(first), group(last)), next, List.of());
	}

	private static GroupSnapshot group(String id) {
		return new GroupSnapshot(id, id, null, false, Writeback.NOT_SET);
	}

}
