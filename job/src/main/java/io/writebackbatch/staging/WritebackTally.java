package io.writebackbatch.staging;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.Writeback;

/** {@code groups} groups of one run share this stored state before the run, decision, target and outcome. */
public record WritebackTally(Writeback previous, Decision decision, Writeback target, Outcome outcome,
		long groups) {
}
