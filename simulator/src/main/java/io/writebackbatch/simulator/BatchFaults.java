package io.writebackbatch.simulator;

/**
 * How {@code $batch} answers go wrong, and where the throttling gauge appears in them. Rates are per envelope
 * ({@code envelopeRate}, {@code unansweredRate}, {@code unknownStepRate}) or per step (the others). Steps whose
 * answer is lost, duplicated or garbled were carried out first: the change is made, only its answer is wrong.
 *
 * @param gauge              where {@code x-ms-throttle-limit-percentage} appears in batch answers
 * @param envelopeRate       rate of envelopes answered as a whole with {@code envelopeStatus}, nothing carried out
 * @param envelopeStatus     401, 403, 429, 503 or any other status, with Graph's JSON error body (502 and 504 with a
 *                           gateway's HTML page)
 * @param envelopeRetryAfter the envelope's {@code Retry-After} value (verbatim; null = none)
 * @param nullErrorRate      steps answered 500 with {@code "error": null} (msgraph-sdk-java#2386)
 * @param malformedStepRate  steps answered without a status, with a non-numeric status, or with a non-JSON body
 * @param missingStepRate    steps left out of the answer
 * @param duplicateStepRate  steps answered twice (the copy says 429)
 * @param unknownStepRate    envelopes whose answer holds an extra step with an id that was never sent
 * @param unansweredRate     envelopes that are carried out and never answered (the connection stays open)
 * @param gatewayRate        envelopes answered by a gateway's HTML 502 (nothing carried out) or 504 (carried out),
 *                           as {@link FaultConfig#gatewayErrorRate()} does for every request
 */
public record BatchFaults(Gauge gauge, double envelopeRate, int envelopeStatus, String envelopeRetryAfter,
                          double nullErrorRate, double malformedStepRate, double missingStepRate,
                          double duplicateStepRate, double unknownStepRate, double unansweredRate,
                          double gatewayRate) {

    /** Where the gauge goes. Graph documents it on responses, not whether {@code $batch} steps carry it. */
    public enum Gauge {
        /** On every step and on the envelope (the highest of its steps). */
        STEPS,
        /** Only on the envelope (the highest of its steps). */
        ENVELOPE,
        /** Never in a batch answer. */
        NONE
    }

    public BatchFaults {
        gauge = gauge == null ? Gauge.NONE : gauge;
    }

    /** Nothing goes wrong; no gauge in batch answers (its presence there is undocumented). */
    public static BatchFaults none() {
        return new BatchFaults(Gauge.NONE, 0, 0, null, 0, 0, 0, 0, 0, 0, 0);
    }

    public BatchFaults gauge(Gauge where) {
        return new BatchFaults(where, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults envelope(double rate, int status, String retryAfter) {
        return new BatchFaults(gauge, rate, status, retryAfter, nullErrorRate, malformedStepRate, missingStepRate,
                duplicateStepRate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults nullErrorRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, rate, malformedStepRate,
                missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults malformedStepRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate, rate,
                missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults missingStepRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, rate, duplicateStepRate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults duplicateStepRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, missingStepRate, rate, unknownStepRate, unansweredRate, gatewayRate);
    }

    public BatchFaults unknownStepRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, missingStepRate, duplicateStepRate, rate, unansweredRate, gatewayRate);
    }

    public BatchFaults unansweredRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, missingStepRate, duplicateStepRate, unknownStepRate, rate, gatewayRate);
    }

    public BatchFaults gatewayRate(double rate) {
        return new BatchFaults(gauge, envelopeRate, envelopeStatus, envelopeRetryAfter, nullErrorRate,
                malformedStepRate, missingStepRate, duplicateStepRate, unknownStepRate, unansweredRate, rate);
    }
}
