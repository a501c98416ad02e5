package io.writebackbatch.definition;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The on-premises group type Graph accepts in writebackConfiguration.onPremisesGroupType.
 */
public enum OnPremisesGroupType {

	UNIVERSAL_DISTRIBUTION_GROUP("universalDistributionGroup"), UNIVERSAL_SECURITY_GROUP("universalSecurityGroup"),
	UNIVERSAL_MAIL_ENABLED_SECURITY_GROUP("universalMailEnabledSecurityGroup");

	private final String graphName;

	OnPremisesGroupType(String graphName) {
		this.graphName = graphName;
	}

	@JsonValue
	public String graphName() {
		return graphName;
	}

	@JsonCreator
	public static OnPremisesGroupType fromGraphName(String name) {
		return Arrays.stream(values())
			.filter(t -> t.graphName.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown onPremisesGroupType '" + name
					+ "'; use one of universalDistributionGroup, universalSecurityGroup, universalMailEnabledSecurityGroup"));
	}

}
