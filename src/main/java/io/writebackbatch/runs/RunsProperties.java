package io.writebackbatch.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param staleAfter an execution still marked STARTED whose last checkpoint is older than this is taken to belong to
 * a process that was killed, and is recovered (marked FAILED, restartable). With the embedded H2 job repository no
 * other process can hold the database while this one does, so a STARTED execution there is always stale.
 */
@ConfigurationProperties("writeback.runs")
public record RunsProperties(@DefaultValue("15m") Duration staleAfter) {
}
