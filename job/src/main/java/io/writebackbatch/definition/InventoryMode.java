package io.writebackbatch.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a run finds its groups: {@code full} lists every unified group; {@code incremental}
 * reads only what changed since the definition's last completed run (with a full listing
 * every few days that reconciles).
 */
public enum InventoryMode {

	@JsonProperty("full")
	FULL, @JsonProperty("incremental")
	INCREMENTAL

}
