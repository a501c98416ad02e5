package io.writebackbatch.inventory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.graph.GraphAccessException;
import io.writebackbatch.graph.GroupPage;
import org.jspecify.annotations.Nullable;

/**
 * Stops a listing that goes round in circles: a {@code @odata.nextLink} already followed
 * (or pointing at its own page), or a page whose groups were already read under another
 * link. Graph's paging never repeats; a gateway or a broken skip token can, and the
 * listing would then never end. A loop repeats whenever the same link is followed again,
 * so retrying the run cannot help: it is refused for a person to look at (exit 2), like a
 * nextLink to another host.
 */
final class ListingLoopGuard {

	private static final String FIRST_PAGE = "(first page)";

	/** Each link followed, with the number of the page it gave (1 for the first page). */
	private final Map<String, Integer> followedLinks = new HashMap<>();

	private final Set<String> pagesSeen = new HashSet<>();

	void check(@Nullable String link, GroupPage page) {
		int number = followedLinks.size() + 1;
		followedLinks.putIfAbsent(link == null ? FIRST_PAGE : link, number);
		String next = page.nextLink();
		if (next != null && followedLinks.containsKey(next)) {
			int target = followedLinks.get(next);
			throw loop("page " + number + "'s @odata.nextLink points back to "
					+ (target == number ? "the same page" : "page " + target), number);
		}
		if (!page.groups().isEmpty()) {
			GroupSnapshot first = page.groups().get(0);
			GroupSnapshot last = page.groups().get(page.groups().size() - 1);
			if (!pagesSeen.add(first.id() + ".." + last.id() + "/" + page.groups().size())) {
				throw loop(
						"page " + number + " repeats groups " + first.id() + " to " + last.id() + " of an earlier page",
						number);
			}
		}
	}

	private static GraphAccessException loop(String what, int pages) {
		return new GraphAccessException(FailureKind.INVALID_INPUT, "the group listing goes round in circles: " + what
				+ " (after " + pages + " pages); Graph's paging never repeats, so a proxy or gateway in front of it "
				+ "is rewriting the links or answers: check GRAPH_BASE_URL and what stands between it and Graph. Nothing "
				+ "was changed");
	}

}
