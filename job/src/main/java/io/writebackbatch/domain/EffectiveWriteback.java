package io.writebackbatch.domain;

import org.jspecify.annotations.Nullable;

/**
 * What a stored writebackConfiguration means for a Microsoft 365 group; the one place
 * that defines it. {@code isEnabled == null} means the group follows the default, and the
 * default writes Microsoft 365 groups back (graph-facts: "writebackConfiguration";
 * Microsoft's own procedure disables every group whose isEnabled is not false, even after
 * turning the new-group default off). A written-back group with no type is written back
 * as {@code universalDistributionGroup}.
 */
public record EffectiveWriteback(boolean writtenBack, @Nullable String onPremisesGroupType) {

	public static final String DEFAULT_TYPE = "universalDistributionGroup";

	public static EffectiveWriteback of(Writeback stored) {
		boolean writtenBack = stored.isEnabled() == null || stored.isEnabled();
		String type = stored.onPremisesGroupType() == null ? DEFAULT_TYPE : stored.onPremisesGroupType();
		return new EffectiveWriteback(writtenBack, writtenBack ? type : null);
	}

	/**
	 * Human wording for reports: "written back as universalDistributionGroup" or "not
	 * written back".
	 */
	public String describe() {
		return writtenBack ? "written back as " + onPremisesGroupType : "not written back";
	}

	/** The raw value as stored, for reports: "isEnabled=null, type=null". */
	public static String describeRaw(Writeback stored) {
		return "isEnabled=" + stored.isEnabled() + ", type=" + stored.onPremisesGroupType();
	}
}
