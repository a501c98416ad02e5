package io.writebackbatch.setting;

import org.jspecify.annotations.Nullable;

/**
 * What a run decided and did about Group.Unified {@code NewUnifiedGroupWritebackDefault}.
 *
 * @param settingExisted whether the tenant had a Group.Unified object when the run planned
 * @param previousValue the value then (null when there was no object or no such value)
 * @param decision CHANGE, SKIP (already the wanted value) or CONFLICT (rollback: changed by someone else since)
 * @param outcome UPDATED, CREATED or null while not applied
 */
public record SettingChange(long runId, boolean settingExisted, @Nullable String settingId,
		@Nullable String previousValue, String targetValue, String decision, String reason, @Nullable String outcome) {
}
