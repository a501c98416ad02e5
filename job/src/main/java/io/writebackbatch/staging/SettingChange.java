package io.writebackbatch.staging;

import io.writebackbatch.domain.SettingDecision;
import io.writebackbatch.domain.SettingOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What a run decided and did about Group.Unified {@code NewUnifiedGroupWritebackDefault}.
 *
 * @param settingExisted whether the tenant had a Group.Unified object when the run
 * planned
 * @param previousValue the value then (null when there was no object or no such value)
 * @param outcome null while not applied
 */
public record SettingChange(long runId, boolean settingExisted, @Nullable String settingId,
		@Nullable String previousValue, String targetValue, SettingDecision decision, String reason,
		@Nullable SettingOutcome outcome) {
}
