package io.writebackbatch.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A group's stored writeback value, as a filter: explicit true, explicit false, or not
 * set (null).
 */
public enum CurrentState {

	@JsonProperty("enabled")
	ENABLED, @JsonProperty("disabled")
	DISABLED, @JsonProperty("notSet")
	NOT_SET;

	public static CurrentState of(@Nullable Boolean isEnabled) {
		return isEnabled == null ? NOT_SET : isEnabled ? ENABLED : DISABLED;
	}

}
