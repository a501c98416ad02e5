package io.writebackbatch.graph;

import java.util.List;

/** One page of the unified-group listing; {@code nextLink} is null on the last page. */
public record GroupPage(List<GroupSnapshot> groups, String nextLink, Long totalCount) {
}
