package io.writebackbatch.changecontrol;

/** Job parameters of a run that carries out a reviewed plan ({@code apply --plan}). */
public final class ChangeControlParameters {

	/** The plan run whose change set this run applies. */
	public static final String APPLIES_PLAN = "appliesPlan";

	/** The digest of that change set, as checked when the run started. */
	public static final String PLAN_DIGEST = "planDigest";

	private ChangeControlParameters() {
	}
}
