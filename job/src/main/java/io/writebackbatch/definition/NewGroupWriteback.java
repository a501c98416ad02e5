package io.writebackbatch.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tenant-wide default for new Microsoft 365 groups (Group.Unified
 * NewUnifiedGroupWritebackDefault).
 */
public enum NewGroupWriteback {

	@JsonProperty("disabled")
	DISABLED, @JsonProperty("enabled")
	ENABLED, @JsonProperty("unchanged")
	UNCHANGED

}
