package io.writebackbatch.graph;

/**
 * A group's stored {@code writebackConfiguration}, exactly as Graph returns it (either field may be null).
 */
public record Writeback(Boolean isEnabled, String onPremisesGroupType) {

	public static final Writeback NOT_SET = new Writeback(null, null);
}
