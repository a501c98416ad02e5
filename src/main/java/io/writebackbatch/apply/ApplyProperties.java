package io.writebackbatch.apply;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param chunkSize groups per checkpoint; at most this many requests are in flight, hence re-sent after a crash
 * @param maxFailures per-group failures (other than 404) tolerated before the run stops as FAILED
 */
@ConfigurationProperties("writeback.apply")
public record ApplyProperties(@DefaultValue("400") int chunkSize, @DefaultValue("50") int maxFailures) {
}
