package io.writebackbatch.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import io.writebackbatch.apply.FailureLimits.TooManyFailuresException;
import io.writebackbatch.domain.Outcome;
import io.writebackbatch.domain.PatchOutcome;
import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.failure.HttpStatuses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who acts when failed changes exceed the limits: a person (exit 2) when every failure is
 * an answer Graph gives again to the same request, the scheduler (exit 3) when any may
 * pass on retry. One row per kind of answer; a new status joins by a row.
 */
class FailureLimitsTests {

	private final FailureLimits limits = new FailureLimits(2, 0.5, 1000);

	@ParameterizedTest(name = "{0} failed groups answered {1}, plus {2} answered {3}: {4}")
	@CsvSource({ "3, 400, 0, 0, INVALID_INPUT", "3, 403, 0, 0, INVALID_INPUT", "3, 409, 0, 0, INVALID_INPUT",
			"3, 400, 1, 503, TRANSIENT", "3, 429, 0, 0, TRANSIENT", "3, 503, 0, 0, TRANSIENT", "3, 0, 0, 0, TRANSIENT",
			"2, 400, 1, 504, TRANSIENT" })
	void theKindFollowsWhetherGraphWouldAnswerTheSameAgain(int n, int status, int m, int otherStatus,
			FailureKind expected) {
		List<PatchOutcome> failures = new ArrayList<>();
		for (int i = 0; i < n + m; i++) {
			failures.add(failed("g" + i, i < n ? status : otherStatus));
		}
		long retryable = failures.stream().filter(o -> HttpStatuses.isRetryable(o.httpStatus())).count();

		TooManyFailuresException e = catchThrowableOfType(TooManyFailuresException.class,
				() -> limits.check(failures.size(), retryable, 10, 20, failures));

		assertThat(e.failureKind()).isEqualTo(expected);
		assertThat(e.getMessage()).as("names the groups and Graph's answer")
			.contains("group g0 HTTP " + status)
			.contains("\"bad\"");
		if (expected == FailureKind.INVALID_INPUT) {
			assertThat(e.getMessage()).contains("retrying cannot help");
		}
	}

	@ParameterizedTest(name = "{0} failures of {1}: within the limits")
	@CsvSource({ "0, 20", "2, 20" })
	void withinTheLimitsTheRunGoesOn(int failed, int settled) {
		List<PatchOutcome> failures = new ArrayList<>();
		for (int i = 0; i < failed; i++) {
			failures.add(failed("g" + i, 400));
		}
		assertThatCode(() -> limits.check(failed, 0, settled - failed, settled, failures)).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "names at most {0} groups")
	@CsvSource({ "5" })
	void theMessageNamesAFewGroups(int most) {
		List<PatchOutcome> failures = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			failures.add(failed("g" + i, 400));
		}
		TooManyFailuresException e = catchThrowableOfType(TooManyFailuresException.class,
				() -> limits.check(9, 0, 10, 20, failures));
		assertThat(e.getMessage()).contains("group g" + (most - 1)).doesNotContain("group g" + most);
	}

	private static PatchOutcome failed(String group, int status) {
		return new PatchOutcome(group, Outcome.FAILED, status, status == 0 ? null : "Request_BadRequest", "bad",
				"request-" + group, 1);
	}

}
