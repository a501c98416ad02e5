package io.writebackbatch.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where Graph is less kind than a simple stand-in, each selectable (start-up or live via
 * {@code POST /_sim/faults}): see docs/design/simulator-faults.md for the source of each.
 *
 * @param throttledBatch the status of a {@code $batch} envelope when some of its steps
 * were throttled: 200 (the batching page) or 424 with each step's 429 in the body (the
 * throttling page, "Throttling and batching")
 * @param otherAppWritesPerSecond writes per second another app of the tenant spends from
 * the tenant-wide write bucket (18,000 / 5 min for all apps; scaled by the throttling's
 * time scale); while it writes, the bucket starts spent
 * @param readLag how long plain reads ({@code GET /groups/{id}}, listings without
 * {@code ConsistencyLevel}, {@code $batch} GETs) keep showing a group's writeback as it
 * was before a write (Graph: "replication delays for objects that were recently created,
 * updated, or deleted")
 * @param createdSinceRefused the {@code createdDateTime} filter on {@code /groups} is
 * refused with 400 {@code Request_UnsupportedQuery}, however it is asked (Graph's current
 * beta metadata no longer lists it as filterable)
 * @param grants the application permissions the main token carries
 */
public record GraphModes(ThrottledBatch throttledBatch, double otherAppWritesPerSecond, Duration readLag,
		boolean createdSinceRefused, Set<String> grants) {

	/** The envelope's status when steps of a batch were throttled. */
	public enum ThrottledBatch {

		/** 200 with the throttled steps' 429 inside (json-batching). */
		OK_200(200),
		/** 424 Failed Dependency with each step's 429 inside (throttling). */
		FAILED_DEPENDENCY_424(424);

		private final int status;

		ThrottledBatch(int status) {
			this.status = status;
		}

		public int status() {
			return status;
		}

		/** {@code 200} or {@code 424}. */
		public static ThrottledBatch of(String status) {
			for (ThrottledBatch t : values()) {
				if (Integer.toString(t.status).equals(status.trim())) {
					return t;
				}
			}
			throw new IllegalArgumentException("throttledBatch must be 200 or 424: " + status);
		}

	}

	/** Permission names as Graph spells them. */
	public static final String GROUP_READ = "Group.Read.All";

	public static final String GROUP_READ_WRITE = "Group.ReadWrite.All";

	public static final String GROUP_SETTINGS_READ_WRITE = "GroupSettings.ReadWrite.All";

	public static final String DIRECTORY_READ_WRITE = "Directory.ReadWrite.All";

	public static final String ROLE_MANAGEMENT = "RoleManagement.ReadWrite.Directory";

	public static final String PRIVILEGED_ACCESS_GROUPS = "PrivilegedAccess.ReadWrite.AzureADGroup";

	public GraphModes {
		Objects.requireNonNull(throttledBatch);
		readLag = (readLag == null) ? Duration.ZERO : readLag;
		grants = Set.copyOf(grants);
		if (!(otherAppWritesPerSecond >= 0) || Double.isInfinite(otherAppWritesPerSecond)) {
			throw new IllegalArgumentException(
					"otherAppWritesPerSecond must be a number >= 0, was " + otherAppWritesPerSecond);
		}
		if (readLag.isNegative()) {
			throw new IllegalArgumentException("readLag must be 0 or more, was " + readLag.toMillis() + " ms");
		}
	}

	/**
	 * The simulator's defaults: a batch with throttled steps answers 424, the unkind one
	 * of Graph's two documented readings; no other app, reads current, the filter served,
	 * the main token granted groups and group settings (each of those selectable
	 * unkinder).
	 */
	public static GraphModes defaults() {
		return new GraphModes(ThrottledBatch.FAILED_DEPENDENCY_424, 0, Duration.ZERO, false,
				Set.of(GROUP_READ, GROUP_READ_WRITE, GROUP_SETTINGS_READ_WRITE));
	}

	public GraphModes throttledBatch(ThrottledBatch t) {
		return new GraphModes(t, otherAppWritesPerSecond, readLag, createdSinceRefused, grants);
	}

	public GraphModes otherAppWritesPerSecond(double rate) {
		return new GraphModes(throttledBatch, rate, readLag, createdSinceRefused, grants);
	}

	public GraphModes readLag(Duration lag) {
		return new GraphModes(throttledBatch, otherAppWritesPerSecond, lag, createdSinceRefused, grants);
	}

	public GraphModes createdSinceRefused(boolean refused) {
		return new GraphModes(throttledBatch, otherAppWritesPerSecond, readLag, refused, grants);
	}

	public GraphModes grants(Set<String> permissions) {
		return new GraphModes(throttledBatch, otherAppWritesPerSecond, readLag, createdSinceRefused, permissions);
	}

	/** The grants as a comma-separated list (for {@code /_sim/faults}). */
	String grantList() {
		return String.join(",", grants.stream().sorted().toList());
	}

	/**
	 * {@code Group.ReadWrite.All, GroupSettings.ReadWrite.All} (any separator of , and
	 * blanks).
	 */
	public static Set<String> parseGrants(String list) {
		Set<String> out = new TreeSet<>();
		for (String p : list.split("[,\\s]+")) {
			if (!p.isBlank()) {
				if (!p.matches("[A-Za-z]+(\\.[A-Za-z]+)+")) {
					throw new IllegalArgumentException("not a Graph permission name: " + p);
				}
				out.add(p);
			}
		}
		return out;
	}

}
