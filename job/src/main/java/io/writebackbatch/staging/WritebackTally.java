package io.writebackbatch.staging;

import io.writebackbatch.graph.Writeback;

/** {@code groups} groups of one run share this stored state before the run, decision, target and outcome. */
public record WritebackTally(Writeback previous, StagedGroup.Decision decision, Writeback target, String outcome,
		long groups) {
}
