package io.writebackbatch.domain;

import java.util.Locale;

/** Whether a run only plans (a dry run) or also applies its changes. */
public enum RunMode {

	PLAN, APPLY;

	/** The job parameter's spelling: {@code plan} or {@code apply}. */
	public String parameterValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static RunMode ofParameter(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
