package io.writebackbatch.fleet;

import io.writebackbatch.failure.FailureKind;

import org.jspecify.annotations.Nullable;

/**
 * One thing {@code check} proved, or could not.
 *
 * @param failure what is wrong when it failed (its exit code is the command's); null when
 * it held
 */
public record CheckLine(String what, String detail, @Nullable FailureKind failure) {

	static CheckLine ok(String what, String detail) {
		return new CheckLine(what, detail, null);
	}

	public boolean passed() {
		return failure == null;
	}

}
