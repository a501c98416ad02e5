package io.writebackbatch.changecontrol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.writebackbatch.definition.InventoryMode;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.graph.GraphProperties;
import io.writebackbatch.graph.GroupBatchReader;
import io.writebackbatch.runs.ChangeControlProperties;
import io.writebackbatch.runs.ListingSettings;
import io.writebackbatch.runs.RunHistory;
import io.writebackbatch.runs.RunKey;
import io.writebackbatch.runs.RunParameters;
import io.writebackbatch.staging.ChangeControlRepository.InventoryKind;
import io.writebackbatch.staging.ChangeControlRepository.RunInventory;
import io.writebackbatch.staging.ChangeControlRepository;
import io.writebackbatch.staging.StagingRepository;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Decides whether a run of an {@code inventory: incremental} definition may read only
 * what changed: groups created since its last completed apply (minus an overlap), plus
 * the groups the runs since the last full listing changed (re-read by id, to see whether
 * someone turned them back). A full listing when there is no such apply yet, when the
 * definition changed since, when the last full listing is older than
 * {@code full-inventory-every}, or when re-reading by id would send more requests than
 * listing every group ({@link NightlyReadCost}).
 */
@Component
public class InventoryPolicy {

	private final RunHistory history;

	private final ChangeControlRepository repository;

	private final ChangeControlProperties properties;

	private final StagingRepository staging;

	private final GraphProperties graph;

	public InventoryPolicy(RunHistory history, ChangeControlRepository repository, ChangeControlProperties properties,
			StagingRepository staging, GraphProperties graph) {
		this.history = history;
		this.repository = repository;
		this.properties = properties;
		this.staging = staging;
		this.graph = graph;
	}

	public RunInventory choose(long runId, RunKey key, JobDefinition definition) {
		return choose(runId, key, definition, ListingSettings.of(properties, graph));
	}

	private RunInventory choose(long runId, RunKey key, JobDefinition definition, ListingSettings settings) {
		if (definition.document().inventory() == InventoryMode.FULL) {
			return full(runId, "the definition lists every group (inventory: full)");
		}
		List<JobExecution> applies = completedListingApplies(key, runId);
		if (applies.isEmpty()) {
			return full(runId,
					"inventory: incremental, but no earlier apply of this definition completed: the first run "
							+ "lists every group");
		}
		JobExecution last = applies.get(0);
		if (!definition.sha256().equals(last.getJobParameters().getString(RunParameters.DEFINITION_SHA256))) {
			return full(runId, "inventory: incremental, but the definition changed since run " + RunHistory.runId(last)
					+ ": its selection must be made again over every group");
		}
		Optional<JobExecution> lastFull = lastFullListing(applies);
		Instant fullDue = lastFull.map(run -> fullListingDue(run, settings)).orElse(Instant.MIN);
		if (lastFull.isEmpty() || fullDue.isBefore(Instant.now())) {
			return full(runId, "inventory: incremental, but the last full listing"
					+ lastFull.map(r -> " (run " + RunHistory.runId(r) + ", " + RunHistory.startedAt(r) + ")")
						.orElse("")
					+ " is older than " + settings.fullInventoryEvery().toDays() + " days "
					+ "(writeback.change-control.full-inventory-every): this run lists every group and reconciles");
		}
		long lastFullRun = RunHistory.runId(lastFull.get());
		NightlyReadCost cost = new NightlyReadCost(repository.countUpdatedBy(runsToRevisit(key, runId, lastFullRun)),
				GroupBatchReader.IDS_PER_REQUEST, 1, staging.countGroups(lastFullRun), settings.pageSize());
		if (cost.listingIsCheaper()) {
			return full(runId, "inventory: incremental, but listing every group is cheaper tonight: " + cost.describe()
					+ "; this run lists every group and reconciles");
		}
		Instant since = RunHistory.startedAt(last).minus(properties.incrementalOverlap());
		return new RunInventory(runId, InventoryKind.INCREMENTAL, "inventory: incremental: groups created since "
				+ since + " (run " + RunHistory.runId(last) + " started " + RunHistory.startedAt(last) + ", minus "
				+ properties.incrementalOverlap().toMinutes() + " min overlap), plus the groups changed by the full "
				+ "listing of run " + lastFullRun + " and the runs since, re-read by id (" + cost.incrementalRequests()
				+ " requests, a full listing " + cost.listingRequests() + "); next full listing after " + fullDue
				+ ". Not seen until then: groups restored from deleted "
				+ "items (they keep their old createdDateTime) and groups no run of this definition changed that "
				+ "someone turned back", since);
	}

	/**
	 * When the definition's next run of the tenant will list every group: empty when its
	 * next run will (a full definition, no completed listing apply yet, the definition
	 * changed since, or the last full listing is too old), else the time after which it
	 * will. By the settings the key's latest run recorded (its tenant's deployment's,
	 * when another process asks: {@code runs --fleet}), else this process's.
	 */
	public Optional<Instant> nextFullListing(RunKey key, JobDefinition definition) {
		ListingSettings settings = history.runsBefore(key, Long.MAX_VALUE)
			.stream()
			.flatMap(run -> ListingSettings.recorded(run.getJobParameters()).stream())
			.findFirst()
			.orElseGet(() -> ListingSettings.of(properties, graph));
		if (choose(Long.MAX_VALUE, key, definition, settings).kind() == InventoryKind.FULL) {
			return Optional.empty();
		}
		return lastFullListing(completedListingApplies(key, Long.MAX_VALUE)).map(run -> fullListingDue(run, settings));
	}

	/**
	 * The runs whose changed groups an incremental run re-reads by id: the last full
	 * listing and every run since that set groups of the definition (see
	 * {@link RunHistory#runsThatSetGroups}), so a group the full run changed and someone
	 * turned back is found the next night, not at the next full listing.
	 */
	public List<Long> runsToRevisit(RunKey key, long runId) {
		return runsToRevisit(key, runId,
				lastFullListing(completedListingApplies(key, runId)).map(RunHistory::runId).orElse(0L));
	}

	private List<Long> runsToRevisit(RunKey key, long runId, long lastFull) {
		return history.runsThatSetGroups(key, runId).stream().filter(id -> id >= lastFull).toList();
	}

	/**
	 * Completed applies of the definition that found their groups by listing (not by
	 * carrying out a plan).
	 */
	private List<JobExecution> completedListingApplies(RunKey key, long runId) {
		return history.runsBefore(key, runId)
			.stream()
			.filter(RunHistory::isCompletedApply)
			.filter(r -> r.getJobParameters().getLong(RunParameters.APPLIES_PLAN) == null)
			.toList();
	}

	private Optional<JobExecution> lastFullListing(List<JobExecution> completedListingApplies) {
		return completedListingApplies.stream().filter(this::listedEverything).findFirst();
	}

	private static Instant fullListingDue(JobExecution fullListing, ListingSettings settings) {
		return RunHistory.startedAt(fullListing).plus(settings.fullInventoryEvery());
	}

	private boolean listedEverything(JobExecution run) {
		return repository.inventory(RunHistory.runId(run)).map(i -> i.kind() == InventoryKind.FULL).orElse(true);
	}

	private static RunInventory full(long runId, String reason) {
		return new RunInventory(runId, InventoryKind.FULL, reason, null);
	}

}
