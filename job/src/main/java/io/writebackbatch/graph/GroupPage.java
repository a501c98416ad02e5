package io.writebackbatch.graph;

import io.writebackbatch.domain.GroupSnapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the unified-group listing; {@code nextLink} is null on the last page.
 *
 * @param unusable groups Graph listed that cannot be staged or written (an id that is not
 * a GUID, a value longer than Graph's own), each described for the log; they are left out
 * of {@code groups}
 */
public record GroupPage(List<GroupSnapshot> groups, @Nullable String nextLink, List<String> unusable) {
}
