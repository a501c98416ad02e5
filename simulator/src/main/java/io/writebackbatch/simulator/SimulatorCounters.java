package io.writebackbatch.simulator;

/**
 * A snapshot of the simulator's counters ({@code mangledAnswers}: answers sent empty or
 * cut short). Budget use is the current usage / capacity of each throttling bucket (0
 * when throttling is off; may exceed 1 while throttled).
 */
public record SimulatorCounters(long requests, long groupListPages, long groupGets, long groupPatches,
		long memberCounts, long settingsRequests, long batches, long batchSubRequests, long throttled429,
		long injected5xx, long connectionResets, long unauthorized, long notFound, long badRequests, long writesApplied,
		long groupsDeletedByOthers, long groupsCreatedByOthers, long mangledAnswers, double resourceUnitBudgetUse,
		double writeBudgetUse, double tenantWriteBudgetUse) {
}
