package io.writebackbatch.graph;

import io.writebackbatch.domain.Writeback;

/**
 * One wanted {@code writebackConfiguration} change; a null field is left out of the PATCH
 * body.
 */
public record GroupPatch(String groupId, Writeback target) {
}
