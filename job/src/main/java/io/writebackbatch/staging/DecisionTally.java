package io.writebackbatch.staging;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;
import org.jspecify.annotations.Nullable;

/**
 * {@code groups} groups of one run share this decision, reason code and outcome; the
 * first two are null before the plan step ran, the outcome until the group was sent.
 */
public record DecisionTally(@Nullable Decision decision, @Nullable ReasonCode reasonCode, @Nullable Outcome outcome,
		long groups) {
}
