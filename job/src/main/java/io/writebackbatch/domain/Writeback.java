package io.writebackbatch.domain;

import org.jspecify.annotations.Nullable;

/**
 * A group's stored {@code writebackConfiguration}, exactly as Graph returns it (either
 * field may be null).
 */
public record Writeback(@Nullable Boolean isEnabled, @Nullable String onPremisesGroupType) {

	public static final Writeback NOT_SET = new Writeback(null, null);

	/**
	 * The stored value after PATCHing {@code patch} onto this one: Graph ignores null
	 * fields in a PATCH.
	 */
	public Writeback patchedWith(Writeback patch) {
		return new Writeback(patch.isEnabled() != null ? patch.isEnabled() : isEnabled,
				patch.onPremisesGroupType() != null ? patch.onPremisesGroupType() : onPremisesGroupType);
	}
}
