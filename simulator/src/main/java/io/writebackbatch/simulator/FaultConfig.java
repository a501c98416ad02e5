package io.writebackbatch.simulator;

import java.time.Duration;

/**
 * Injected faults; all off by default. Rates are probabilities in [0, 1] per request (per sub-request inside a
 * {@code $batch} for errors, throttling, deletions and creations; per HTTP exchange for latency and resets).
 *
 * @param latency            fixed latency added to every HTTP exchange (one per {@code $batch} envelope)
 * @param jitter             uniformly random extra latency in [0, jitter]
 * @param errorRate          rate of injected 503/504 answers
 * @param resetRate          rate of connections closed without any response
 * @param randomThrottleRate rate of 429s below the budgets ("service under load")
 * @param deleteRate         rate at which, per request, a random unified group is deleted "by someone else"
 * @param createRate         rate at which, per request, a new unified group is created "by someone else"
 * @param gatewayErrorRate   rate of HTTP exchanges (a {@code $batch} envelope is one) answered by a gateway in front
 *                           of Graph with 502 or 504 and an HTML page: a 502 before Graph saw the request, a 504
 *                           after Graph carried it out (the answer is lost, the change is made)
 */
public record FaultConfig(Duration latency, Duration jitter, double errorRate, double resetRate,
                          double randomThrottleRate, double deleteRate, double createRate, double gatewayErrorRate) {

    public FaultConfig {
        latency = latency == null ? Duration.ZERO : latency;
        jitter = jitter == null ? Duration.ZERO : jitter;
    }

    public static FaultConfig none() {
        return new FaultConfig(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, 0);
    }

    public FaultConfig latency(Duration fixed, Duration jitterMax) {
        return new FaultConfig(fixed, jitterMax, errorRate, resetRate, randomThrottleRate, deleteRate, createRate, gatewayErrorRate);
    }

    public FaultConfig errorRate(double rate) {
        return new FaultConfig(latency, jitter, rate, resetRate, randomThrottleRate, deleteRate, createRate, gatewayErrorRate);
    }

    public FaultConfig resetRate(double rate) {
        return new FaultConfig(latency, jitter, errorRate, rate, randomThrottleRate, deleteRate, createRate, gatewayErrorRate);
    }

    public FaultConfig randomThrottleRate(double rate) {
        return new FaultConfig(latency, jitter, errorRate, resetRate, rate, deleteRate, createRate, gatewayErrorRate);
    }

    public FaultConfig deleteRate(double rate) {
        return new FaultConfig(latency, jitter, errorRate, resetRate, randomThrottleRate, rate, createRate, gatewayErrorRate);
    }

    public FaultConfig createRate(double rate) {
        return new FaultConfig(latency, jitter, errorRate, resetRate, randomThrottleRate, deleteRate, rate, gatewayErrorRate);
    }

    public FaultConfig gatewayErrorRate(double rate) {
        return new FaultConfig(latency, jitter, errorRate, resetRate, randomThrottleRate, deleteRate, createRate, rate);
    }
}
