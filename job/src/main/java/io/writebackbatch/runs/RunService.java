package io.writebackbatch.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.writebackbatch.failure.FailureKind;
import io.writebackbatch.definition.JobDefinition;
import io.writebackbatch.domain.RunMode;
import io.writebackbatch.domain.Tenant;
import io.writebackbatch.graph.GraphConnection;
import io.writebackbatch.graph.GraphProperties;
import io.writebackbatch.ops.RunLogContext;
import io.writebackbatch.staging.RunTenants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Which execution to start or resume for a definition, and what runs exist. */
@Service
public class RunService {

	private static final Logger log = LoggerFactory.getLogger(RunService.class);

	/** Why an unfinished apply was ended: its rollback (see {@link #endUndone}). */
	static final String UNDONE_BY_ROLLBACK = "undone by its rollback";

	private final JobOperator operator;

	private final JobRepository repository;

	private final Job job;

	private final DefinitionRuns definitions;

	private final PlanApproval approval;

	private final RunHistory history;

	private final ObjectProvider<GraphConnection> graph;

	private final RunTenant tenant;

	private final RunTenants tenants;

	private final ListingSettings listing;

	public RunService(JobOperator operator, JobRepository repository, Job writebackJob, DefinitionRuns definitions,
			PlanApproval approval, RunHistory history, ObjectProvider<GraphConnection> graph, RunTenant tenant,
			RunTenants tenants, ChangeControlProperties changeControl, GraphProperties graphProperties) {
		this.operator = operator;
		this.repository = repository;
		this.job = writebackJob;
		this.definitions = definitions;
		this.approval = approval;
		this.history = history;
		this.graph = graph;
		this.tenant = tenant;
		this.tenants = tenants;
		this.listing = ListingSettings.of(changeControl, graphProperties);
	}

	/**
	 * The proven tenant this process runs for, once every recorded run has a tenant:
	 * before it, nothing of a tenant is read or written, and no run is looked up.
	 */
	private Tenant tenant() {
		requireEveryRunHasATenant();
		return tenant.current();
	}

	/**
	 * Refuses (exit 2, saying how to fix it) while runs recorded before runs had a tenant
	 * are in the repository: whatever looks for a tenant's runs would miss them.
	 */
	public void requireEveryRunHasATenant() {
		long unassigned = tenants.unassigned();
		if (unassigned > 0) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, "the job repository holds " + unassigned + " run"
					+ (unassigned == 1 ? "" : "s") + " recorded before runs had a tenant; nothing is guessed: name "
					+ "the tenant they were for with 'assign-tenant --tenant <tenant id>' (a repository that served "
					+ "one tenant), then run again");
		}
	}

	private RunKey keyOf(JobDefinition definition) {
		return new RunKey(tenant(), definition.name());
	}

	/**
	 * The key of recorded run {@code execution}, refused when it belongs to another
	 * tenant than this process's.
	 */
	private RunKey keyOfOwn(JobExecution execution, String what) {
		Tenant own = tenant();
		RunKey key = RunKey.of(execution).orElseThrow();
		if (!key.tenant().equals(own)) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, what + " " + runId(execution)
					+ " belongs to tenant " + key.tenant() + ", but this process runs for tenant " + own
					+ ": nothing was read or written; run it with the credential (and WRITEBACK_TENANT_ID) of tenant "
					+ key.tenant().id());
		}
		return key;
	}

	/**
	 * What every new run records beside its identity: its tenant, and this deployment's
	 * listing settings (read by {@code runs --fleet} elsewhere: {@link ListingSettings}).
	 */
	private JobParameters recordedParameters(Tenant tenant) {
		return listing
			.addTo(new JobParametersBuilder().addString(RunParameters.TENANT_ID, tenant.id().value(), false)
				.addString(RunParameters.CLOUD, tenant.cloud().label(), false))
			.toJobParameters();
	}

	/**
	 * Starts a new run. An apply while the definition has an unfinished run of the same
	 * content (see {@link DefinitionRuns#unfinished}: a plan made since does not hide it)
	 * is refused (resume it, or pass {@code newRun} to abandon it); a definition changed
	 * since makes it a different run.
	 */
	public JobExecution start(JobDefinition definition, RunMode mode, boolean newRun) throws Exception {
		RunKey key = keyOf(definition);
		try (DefinitionLock.Held lock = definitions.lock(key, definition.name())) {
			return start(key, definition, mode, newRun, lock);
		}
	}

	private JobExecution start(RunKey key, JobDefinition definition, RunMode mode, boolean newRun,
			DefinitionLock.Held lock) throws Exception {
		Optional<JobExecution> last = definitions.lastExecution(key, lock);
		if (last.isPresent() && last.get().isRunning()) {
			throw alreadyRunning(last.get());
		}
		Optional<JobExecution> unfinished = unfinished(key, definition);
		if (mode == RunMode.APPLY && unfinished.isPresent()) {
			if (!newRun) {
				throw new RunRefusedException(FailureKind.INVALID_INPUT,
						"the last run (" + describe(unfinished.get())
								+ ") of this definition did not finish; continue it from its checkpoint with "
								+ continueCommand(unfinished.get()) + ", or start over with 'apply --new-run'");
			}
			operator.abandon(unfinished.get());
			log.info("abandoned run {} as asked (--new-run); starting a new run", runId(unfinished.get()));
		}
		if (mode == RunMode.APPLY && !newRun) {
			refuseToRedoARollback(key, definition);
		}
		if (mode == RunMode.APPLY && unfinished.isEmpty()) {
			definitions.unfinished(key)
				.ifPresent(other -> log.warn(
						"run {} of '{}' ({}, started from {}) is of other content than {}: it is left "
								+ "unfinished, and a new run starts (a changed definition is a new run)",
						runId(other), definition.name(), other.getStatus(),
						other.getJobParameters().getString(RunParameters.DEFINITION), definition.file()));
		}
		last.ifPresent(previous -> sayWhenAnotherFileSharesTheHistory(previous, definition));
		JobParameters parameters = new JobParametersBuilder()
			.addString(RunParameters.DEFINITION, definition.file().toString())
			.addString(RunParameters.DEFINITION_NAME, definition.name())
			.addString(RunParameters.DEFINITION_SHA256, definition.sha256())
			.addString(RunParameters.MODE, mode.parameterValue())
			.addString(RunParameters.REQUESTED_AT, Instant.now().toString())
			.addJobParameters(recordedParameters(key.tenant()))
			.toJobParameters();
		return launch(parameters);
	}

	/**
	 * A rollback sticks: when the definition's latest apply, of this same content, was
	 * undone by a rollback {@code --apply}, applying it again (the nightly's
	 * {@code scheduled} above all) would silently make again what a person just undid.
	 * Refused (exit 2) until the definition changes or {@code apply --new-run} asks for
	 * it.
	 */
	private void refuseToRedoARollback(RunKey key, JobDefinition definition) {
		Optional<JobExecution> lastApply = definitions.lastApply(key)
			.filter(run -> definition.sha256()
				.equals(run.getJobParameters().getString(RunParameters.DEFINITION_SHA256)));
		if (lastApply.isEmpty()) {
			return;
		}
		long undone = runId(lastApply.get());
		history.firstAppliedRollbackOf(undone).ifPresent(rollback -> {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, "run " + undone + ", the last apply of this "
					+ "definition as it stands, was undone by rollback run " + runId(rollback) + ": applying it "
					+ "again would make again what the rollback undid; change the definition (e.g. excludeIds) "
					+ "so it asks for what should stay, or run 'apply --new-run' to apply it again on purpose "
					+ "(a nightly stays refused until then; suspend its schedule meanwhile)");
		});
	}

	/**
	 * A tenant's runs are keyed by the definition's name wherever its file lies
	 * (docs/design/decisions/0005-run-key-by-definition-name.md): a moved file keeps its
	 * history. Two files of one name in different folders share it too; when the last run
	 * came from another file of other content, one line says so and how to part them.
	 */
	private static void sayWhenAnotherFileSharesTheHistory(JobExecution previous, JobDefinition definition) {
		JobParameters was = previous.getJobParameters();
		String file = was.getString(RunParameters.DEFINITION);
		if (definition.file().toString().equals(file)
				|| definition.sha256().equals(was.getString(RunParameters.DEFINITION_SHA256))) {
			return;
		}
		log.warn(
				"'{}' was last run (run {}) from {}, of other content than {}: a tenant's runs are keyed by the "
						+ "definition's name wherever its file lies, so both share one run history (resume, drift, the "
						+ "incremental inventory); if they are two definitions, give one a 'name:' of its own",
				definition.name(), runId(previous), file, definition.file());
	}

	/**
	 * The definition's unfinished run of the same content (see
	 * {@link DefinitionRuns#unfinished}); a run of other content is a different run.
	 */
	private Optional<JobExecution> unfinished(RunKey key, JobDefinition definition) {
		return definitions.unfinished(key)
			.filter(run -> definition.sha256()
				.equals(run.getJobParameters().getString(RunParameters.DEFINITION_SHA256)));
	}

	/**
	 * For the nightly CronJob: continues the definition's unfinished run of the same
	 * content if there is one (the application of a plan only as {@link #relaunch}
	 * allows: one approved with its digest is refused, exit 2, until {@code apply --plan
	 * N --digest} continues it), otherwise starts a new apply run. A live run of the
	 * definition is refused.
	 */
	public JobExecution scheduled(JobDefinition definition) throws Exception {
		RunKey key = keyOf(definition);
		try (DefinitionLock.Held lock = definitions.lock(key, definition.name())) {
			Optional<JobExecution> last = definitions.lastExecution(key, lock);
			if (last.isPresent() && last.get().isRunning()) {
				throw alreadyRunning(last.get());
			}
			Optional<JobExecution> unfinished = unfinished(key, definition);
			if (unfinished.isPresent()) {
				return resume(unfinished.get(), null);
			}
			return start(key, definition, RunMode.APPLY, false, lock);
		}
	}

	/**
	 * Undoes run {@code runId}: a new run whose plan restores each group it changed (and
	 * the new-group default) to its previous effective state. In apply mode, an
	 * unfinished rollback of the same run is resumed instead, and the run's definition's
	 * lock is held until the rollback ends: no run of that definition (the nightly's
	 * {@code scheduled}, on PostgreSQL another process) writes the same groups the other
	 * way meanwhile, and the rollback is refused while one does.
	 */
	public JobExecution rollback(long runId, RunMode mode, boolean force) throws Exception {
		JobExecution original = requireExecution(runId);
		RunKey originalKey = keyOfOwn(original, "run");
		if (!RunMode.APPLY.parameterValue().equals(original.getJobParameters().getString(RunParameters.MODE))) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"run " + runId + " was a dry run (plan): it changed nothing " + "to roll back");
		}
		if (original.isRunning()) {
			original = recoveredIfItsProcessIsGone(original, originalKey);
		}
		if (mode == RunMode.PLAN) {
			return rollback(runId, original, originalKey, mode, force);
		}
		String definitionName = original.getJobParameters().getString(RunParameters.DEFINITION_NAME);
		try (DefinitionLock.Held definitionLock = definitions.lock(originalKey,
				definitionName == null ? originalKey.subject() : definitionName)) {
			return rollback(runId, original, originalKey, mode, force);
		}
	}

	/**
	 * {@link #rollback(long, RunMode, boolean)} under the rollback's own lock; in apply
	 * mode the caller holds the undone run's definition lock.
	 */
	private JobExecution rollback(long runId, JobExecution original, RunKey originalKey, RunMode mode, boolean force)
			throws Exception {
		RunKey key = RunKey.rollbackOf(originalKey.tenant(), runId);
		String name = "rollback of run " + runId + " ("
				+ original.getJobParameters().getString(RunParameters.DEFINITION_NAME) + ")";
		try (DefinitionLock.Held lock = definitions.lock(key, name)) {
			Optional<JobExecution> last = definitions.lastExecution(key, lock);
			if (last.isPresent() && last.get().isRunning()) {
				throw alreadyRunning(last.get());
			}
			if (mode == RunMode.APPLY && last.isPresent() && isResumable(last.get()) && RunMode.APPLY.parameterValue()
				.equals(last.get().getJobParameters().getString(RunParameters.MODE))) {
				MDC.put(RunLogContext.RUN_ID, Long.toString(runId(last.get())));
				log.info("resuming the unfinished rollback of run {} ({})", runId, describe(last.get()));
				return relaunch(last.get(), null);
			}
			JobParameters parameters = new JobParametersBuilder().addString(RunParameters.DEFINITION, key.subject())
				.addString(RunParameters.DEFINITION_NAME, name)
				.addString(RunParameters.DEFINITION_SHA256, "-")
				.addLong(RunParameters.ROLLBACK_OF, runId)
				.addString(RunParameters.FORCE, Boolean.toString(force))
				.addString(RunParameters.MODE, mode.parameterValue())
				.addString(RunParameters.REQUESTED_AT, Instant.now().toString())
				.addJobParameters(recordedParameters(key.tenant()))
				.toJobParameters();
			log.info("starting {} rollback of run {}{}", mode == RunMode.PLAN ? "a dry-run" : "an applied", runId,
					force ? " (--force: conflicting changes are overwritten)" : "");
			if (mode == RunMode.APPLY) {
				graph.getObject().checkCredential();
				endUndone(runId);
				if (original.getJobParameters().getLong(RunParameters.ROLLBACK_OF) == null) {
					log.warn("the definition of run {} ({}) still asks for what this rollback undoes: its next 'apply' "
							+ "or 'scheduled' run (the nightly) is refused (exit 2) until the definition changes or "
							+ "'apply --new-run' applies it again on purpose; suspend its schedule meanwhile", runId,
							original.getJobParameters().getString(RunParameters.DEFINITION));
				}
			}
			return launch(parameters);
		}
	}

	/**
	 * Ends apply run {@code runId} if it is unfinished, before its rollback writes
	 * anything: otherwise the next {@code resume} or {@code scheduled} would continue it
	 * and write again what the operator chose to undo. A later apply is a new run that
	 * reads the tenant afresh. The caller holds its definition's lock and the run is read
	 * under it: checked before the lock, another process (on PostgreSQL) could resume the
	 * run between the check and the lock, and the rollback would undo a run that goes on
	 * writing; found running under the lock, the rollback is refused.
	 */
	private void endUndone(long runId) throws Exception {
		JobExecution now = requireExecution(runId);
		if (now.isRunning()) {
			throw alreadyRunning(now);
		}
		if (!isResumable(now)) {
			return;
		}
		// before abandon(), which sets the status of the execution it is given
		BatchStatus wasStatus = now.getStatus();
		JobExecution abandoned = operator.abandon(now);
		// first, so that a long failure description truncated by the repository keeps
		// it
		ExitStatus was = abandoned.getExitStatus();
		abandoned.setExitStatus(new ExitStatus(was.getExitCode(),
				UNDONE_BY_ROLLBACK + " at " + LocalDateTime.now().withNano(0) + ". " + was.getExitDescription()));
		repository.update(abandoned);
		log.info("run {} was unfinished ({}): ended as ABANDONED, so that 'resume' and 'scheduled' do not "
				+ "continue what this rollback undoes", runId(now), wasStatus);
	}

	/**
	 * Carries out plan run {@code planRunId} exactly ({@code apply --plan}): refused
	 * (exit 2) unless {@link PlanApproval} approves it at this invocation; an unfinished
	 * application of the same plan is continued instead (approved again the same way,
	 * whatever ran in between); a plan already carried out is refused, and so is a new
	 * application while another run of the definition is unfinished.
	 */
	public JobExecution applyPlan(long planRunId, @Nullable String digest, boolean force) throws Exception {
		JobExecution plan = requireExecution(planRunId);
		RunKey key = keyOfOwn(plan, "plan");
		try (DefinitionLock.Held lock = definitions.lock(key,
				plan.getJobParameters().getString(RunParameters.DEFINITION_NAME))) {
			Optional<JobExecution> last = definitions.lastExecution(key, lock);
			if (last.isPresent() && last.get().isRunning()) {
				throw alreadyRunning(last.get());
			}
			Optional<JobExecution> earlier = history.applicationOf(planRunId);
			if (earlier.isPresent() && isResumable(earlier.get())) {
				return resume(earlier.get(), digest);
			}
			if (earlier.isPresent()) {
				throw new RunRefusedException(FailureKind.INVALID_INPUT,
						"plan " + planRunId + " was already carried out by " + describe(earlier.get())
								+ "; a plan is applied once: plan again for a new change set");
			}
			Optional<JobExecution> unfinished = definitions.unfinished(key);
			if (unfinished.isPresent()) {
				throw new RunRefusedException(FailureKind.INVALID_INPUT,
						"the last run (" + describe(unfinished.get()) + ") of this definition did not finish; "
								+ "finish it first with " + continueCommand(unfinished.get())
								+ " (or abandon it with 'apply --new-run'), then carry out plan " + planRunId);
			}
			var approved = approval.approve(plan, null, digest);
			log.info("carrying out plan {} (digest {}, {} changes, approved by {}){}", planRunId,
					approved.seal().digest(), approved.seal().changes(),
					digest != null ? "the digest given" : "the plan's seal, no --digest",
					force ? " with --force: drifted groups get the planned state anyway" : "");
			return launch(new JobParametersBuilder()
				.addString(RunParameters.DEFINITION, plan.getJobParameters().getString(RunParameters.DEFINITION))
				.addString(RunParameters.DEFINITION_NAME, approved.definition().name())
				.addString(RunParameters.DEFINITION_SHA256, approved.seal().definitionSha256())
				.addString(RunParameters.MODE, RunMode.APPLY.parameterValue())
				.addLong(RunParameters.APPLIES_PLAN, planRunId)
				.addString(RunParameters.PLAN_DIGEST, approved.seal().digest())
				.addString(RunParameters.APPROVAL, digest != null ? PlanApproval.BY_DIGEST : PlanApproval.BY_SEAL)
				.addString(RunParameters.FORCE, Boolean.toString(force))
				.addString(RunParameters.REQUESTED_AT, Instant.now().toString())
				.addJobParameters(recordedParameters(key.tenant()))
				.toJobParameters());
		}
	}

	/**
	 * Continues the definition's unfinished run (see {@link DefinitionRuns#unfinished})
	 * from its checkpoint.
	 */
	public JobExecution resume(JobDefinition definition) throws Exception {
		RunKey key = keyOf(definition);
		try (DefinitionLock.Held lock = definitions.lock(key, definition.name())) {
			JobExecution last = definitions.lastExecution(key, lock)
				.orElseThrow(() -> new RunRefusedException(FailureKind.INVALID_INPUT,
						"no run of " + key + " to resume; start one with 'apply'"));
			if (last.isRunning()) {
				throw alreadyRunning(last);
			}
			JobExecution unfinished = definitions.unfinished(key)
				.orElseThrow(() -> new RunRefusedException(FailureKind.INVALID_INPUT, "the last run (" + describe(last)
						+ ") of this definition is not resumable; start a new one with 'apply'"));
			requireSameContent(unfinished, definition);
			return resume(unfinished, null);
		}
	}

	/**
	 * Refuses to continue {@code unfinished} under a definition of other content than the
	 * one it was started with, as {@code scheduled} and {@code apply --resume-unfinished}
	 * never do: two files that share a name (their base name, or the same {@code name:})
	 * are one definition, and {@code resume} of one used to carry out the other's plan
	 * (the opposite action, other groups).
	 */
	private static void requireSameContent(JobExecution unfinished, JobDefinition definition) {
		JobParameters parameters = unfinished.getJobParameters();
		String recordedSha256 = parameters.getString(RunParameters.DEFINITION_SHA256);
		if (recordedSha256 == null || recordedSha256.equals(definition.sha256())) {
			return;
		}
		String recordedFile = parameters.getString(RunParameters.DEFINITION);
		String why = definition.file().toString().equals(recordedFile)
				? definition.file() + " (or an id file it names) changed since then; restore it to resume"
				: "that is " + recordedFile + ", not " + definition.file() + " (another file of the same name '"
						+ definition.name() + "', other content): files of one name share their runs; give one of "
						+ "them a 'name:' of its own";
		throw new RunRefusedException(FailureKind.INVALID_INPUT,
				"the last run (" + describe(unfinished) + ") of definition '" + definition.name()
						+ "' was started from other content: " + why + "; nothing was done. Continue it with "
						+ continueCommand(unfinished) + ", or start a run of " + definition.file() + " with 'apply'");
	}

	/**
	 * Continues {@code unfinished} from its checkpoint, saying which run it is; see
	 * {@link #relaunch} for the application of a plan.
	 */
	private JobExecution resume(JobExecution unfinished, @Nullable String digest) throws Exception {
		MDC.put(RunLogContext.RUN_ID, Long.toString(runId(unfinished)));
		log.info("resuming run {} ({}) from its last checkpoint", runId(unfinished), describe(unfinished));
		return relaunch(unfinished, digest);
	}

	/** How a person continues {@code unfinished}. */
	private static String continueCommand(JobExecution unfinished) {
		return "'" + RunParameters.continuation(unfinished.getJobParameters()) + "'";
	}

	/**
	 * Starts an execution once the credential has given a token. A credential refused
	 * before Graph is reached (a malformed token, an identity endpoint that refuses or
	 * fails) thus creates no run, or no new execution of a resumed one: nothing was done,
	 * and the next apply starts afresh instead of asking to resume a run that never
	 * began.
	 */
	private JobExecution launch(JobParameters parameters) throws Exception {
		graph.getObject().checkCredential();
		return operator.start(job, parameters);
	}

	/**
	 * As {@link #launch}, continuing {@code execution}'s run from its checkpoint. The
	 * only restart, so the application of a plan is continued only once
	 * {@link PlanApproval#approve} approves it again at this invocation ({@code digest}
	 * as given now, or null).
	 */
	private JobExecution relaunch(JobExecution execution, @Nullable String digest) throws Exception {
		Long plan = execution.getJobParameters().getLong(RunParameters.APPLIES_PLAN);
		if (plan != null) {
			approval.approve(requireExecution(plan), execution, digest);
			log.info("run {} carries out plan {}: approved again at this invocation by {}", runId(execution), plan,
					digest != null ? "the digest given" : "the plan's seal (it was started without --digest)");
		}
		graph.getObject().checkCredential();
		return operator.restart(execution);
	}

	/**
	 * Run {@code runId} as the source of what it changed for good, e.g. the on-premises
	 * kit's list of disabled groups: refused (exit 2) for a dry run, which changed
	 * nothing, and for a run not finished (running, or stopped, failed or killed
	 * part-way), whose list still lacks what it has yet to change; the kit used to be
	 * written for either, silently short. Refused too for a run that a rollback
	 * {@code --apply} undid (or is undoing): the groups it disabled are written back
	 * again, and a kit of it listed them as the AD groups to expect deleted.
	 */
	public JobExecution requireFinishedApply(long runId, String forWhat) {
		JobExecution execution = requireExecution(runId);
		if (!RunMode.APPLY.parameterValue().equals(execution.getJobParameters().getString(RunParameters.MODE))) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"run " + runId + " was a dry run (plan): it " + "changed nothing, so there is no " + forWhat
							+ " of it; give the id of an apply ('runs' lists them)");
		}
		if (execution.isRunning() || isResumable(execution)) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT,
					"run " + runId + " has not finished (" + execution.getStatus()
							+ (execution.isRunning() ? ": running, or left so by a process that was killed" : "")
							+ "): a " + forWhat + " of it now would lack the groups it has yet to change; finish it "
							+ "first with " + continueCommand(execution) + ", then ask again");
		}
		Optional<JobExecution> rollback = history.firstAppliedRollbackOf(runId);
		if (rollback.isPresent()) {
			throw new RunRefusedException(FailureKind.INVALID_INPUT, "run " + runId + " was undone by its rollback ("
					+ describe(rollback.get()) + "): what it changed no longer stands, so a " + forWhat + " of it "
					+ "would name groups that are written back again; give the id of an apply that was not rolled "
					+ "back ('runs' lists them)");
		}
		return execution;
	}

	/** The latest execution of run {@code runId} (a job instance id). */
	public Optional<JobExecution> execution(long runId) {
		JobInstance instance = repository.getJobInstance(runId);
		return instance == null ? Optional.empty() : Optional.ofNullable(repository.getLastJobExecution(instance));
	}

	/**
	 * The latest execution of run {@code runId}, or a refusal naming the command that
	 * lists runs.
	 */
	public JobExecution requireExecution(long runId) {
		return execution(runId).orElseThrow(() -> new RunRefusedException(FailureKind.INVALID_INPUT, "there is no run "
				+ runId + " (runs removed by 'prune' are gone for good); 'runs' lists the existing ones"));
	}

	/** The latest execution of each of the most recent runs, newest first. */
	public List<JobExecution> recentRuns(int count) {
		List<JobExecution> runs = new ArrayList<>();
		for (JobInstance instance : repository.getJobInstances(RunParameters.JOB_NAME, 0, count)) {
			JobExecution execution = repository.getLastJobExecution(instance);
			if (execution != null) {
				runs.add(execution);
			}
		}
		return runs;
	}

	static boolean isResumable(JobExecution execution) {
		return RunHistory.isUnfinished(execution);
	}

	/**
	 * A run left STARTED by a killed process, recovered under its definition's lock as
	 * {@code resume} and {@code plan} would (on H2 and PostgreSQL at once): a rollback of
	 * a partial apply was refused with "in progress; wait for it to finish", which
	 * waiting never ended.
	 */
	private JobExecution recoveredIfItsProcessIsGone(JobExecution execution, RunKey key) {
		String name = execution.getJobParameters().getString(RunParameters.DEFINITION_NAME);
		try (DefinitionLock.Held lock = definitions.lock(key, name == null ? key.subject() : name)) {
			definitions.lastExecution(key, lock);
		}
		JobExecution now = requireExecution(runId(execution));
		if (now.isRunning()) {
			throw alreadyRunning(now);
		}
		return now;
	}

	private static RunRefusedException alreadyRunning(JobExecution execution) {
		return new RunRefusedException(FailureKind.CONCURRENT_RUN,
				"run " + runId(execution) + " of this definition is in progress (execution " + execution.getId()
						+ ", started " + execution.getStartTime() + "); wait for it to finish");
	}

	static long runId(JobExecution execution) {
		return execution.getJobInstance().getInstanceId();
	}

	static String describe(JobExecution execution) {
		Long plan = execution.getJobParameters().getLong(RunParameters.APPLIES_PLAN);
		String exit = execution.getExitStatus().getExitDescription();
		return "run " + runId(execution) + ", " + execution.getJobParameters().getString(RunParameters.MODE)
				+ (plan != null ? " of plan " + plan : "") + ", " + execution.getStatus() + " at "
				+ execution.getEndTime()
				+ (exit.startsWith(UNDONE_BY_ROLLBACK) ? ", " + exit.substring(0, exit.indexOf(". ")) : "");
	}

}
