package io.writebackbatch.staging;

import io.writebackbatch.domain.Decision;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.ReasonCode;

/**
 * {@code groups} groups of one run share this decision, reason code and outcome; the first two are null before the
 * plan step ran, the outcome until the group was sent.
 */
public record DecisionTally(Decision decision, ReasonCode reasonCode, Outcome outcome, long groups) {
}
