package io.writebackbatch.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Microsoft Graph's deployments (learn.microsoft.com/graph/deployments). A tenant lives
 * in exactly one: its tokens are for that cloud's Graph host only, so a run's tenant is a
 * tenant id and its cloud.
 */
public enum Cloud {

	GLOBAL("global", "graph.microsoft.com"), US_GOVERNMENT_L4("us-government-l4", "graph.microsoft.us"),
	US_GOVERNMENT_L5_DOD("us-government-l5-dod", "dod-graph.microsoft.us"),
	CHINA("china", "microsoftgraph.chinacloudapi.cn");

	private final String label;

	private final String graphHost;

	Cloud(String label, String graphHost) {
		this.label = label;
		this.graphHost = graphHost;
	}

	/** The name in settings, fleet files, job parameters and metrics. */
	public String label() {
		return label;
	}

	public String graphHost() {
		return graphHost;
	}

	public static Optional<Cloud> ofHost(String host) {
		return Arrays.stream(values()).filter(cloud -> cloud.graphHost.equalsIgnoreCase(host)).findFirst();
	}

	/** The cloud a label or a Graph host names; refused with the accepted names. */
	public static Cloud parse(String text) {
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(cloud -> cloud.label.equals(wanted) || cloud.graphHost.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + text.strip() + "' is not a Microsoft Graph cloud: use one of "
							+ Arrays.stream(values()).map(Cloud::label).collect(Collectors.joining(", "))));
	}

	@Override
	public String toString() {
		return label;
	}

}
