package io.writebackbatch.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the run does to the writeback of the selected groups. */
public enum Action {

	@JsonProperty("disable")
	DISABLE, @JsonProperty("enable")
	ENABLE

}
