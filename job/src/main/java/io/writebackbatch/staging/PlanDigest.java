package io.writebackbatch.staging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.writebackbatch.staging.ChangeControlRepository.SealedChange;
import org.jspecify.annotations.Nullable;

/**
 * The digest of a plan's change set: sha256 over one line per planned change, in group-id
 * order,
 * {@code id|previous isEnabled|previous onPremisesGroupType|target isEnabled|target onPremisesGroupType\n}
 * with {@code -} for null. Anyone can recompute it from groups.csv of the plan's report.
 */
public final class PlanDigest {

	private final MessageDigest sha256;

	private long changes;

	private PlanDigest() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("the JVM has no SHA-256", e);
		}
	}

	/** Computes the digest of run {@code runId}'s planned changes. */
	public static Result of(ChangeControlRepository repository, long runId) {
		PlanDigest digest = new PlanDigest();
		repository.forEachChange(runId, digest::add);
		return new Result(HexFormat.of().formatHex(digest.sha256.digest()), digest.changes);
	}

	public record Result(String hex, long changes) {
	}

	private void add(SealedChange change) {
		String line = change.groupId() + "|" + text(change.previous().isEnabled()) + "|"
				+ text(change.previous().onPremisesGroupType()) + "|" + text(change.target().isEnabled()) + "|"
				+ text(change.target().onPremisesGroupType()) + "\n";
		sha256.update(line.getBytes(StandardCharsets.UTF_8));
		changes++;
	}

	private static String text(@Nullable Object value) {
		return value == null ? "-" : value.toString();
	}

}
