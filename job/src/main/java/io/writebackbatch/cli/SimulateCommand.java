package io.writebackbatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import io.writebackbatch.simulator.BatchFaults;
import io.writebackbatch.simulator.FaultConfig;
import io.writebackbatch.simulator.GraphModes;
import io.writebackbatch.simulator.GraphSimulator;
import io.writebackbatch.simulator.SimulatorConfig;
import io.writebackbatch.simulator.ThrottleConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code simulate}: runs the local Microsoft Graph tenant simulator until killed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
		description = "Start a local Microsoft Graph (beta) tenant simulator for trying the job without a tenant.")
public class SimulateCommand implements Callable<Integer> {

	@Option(names = "--port", defaultValue = "8080",
			description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}")
	int port;

	@Option(names = "--groups", defaultValue = "1000",
			description = "Number of Microsoft 365 (unified) groups. Default: ${DEFAULT-VALUE}")
	int groups;

	@Option(names = "--non-unified-groups", defaultValue = "-1",
			description = "Security groups and distribution lists (default: 10%% of --groups)")
	int nonUnified;

	@Option(names = "--seed", defaultValue = "42",
			description = "Seed of the generated tenant. Default: ${DEFAULT-VALUE}")
	long seed;

	@Option(names = "--token", defaultValue = "local-dev-token",
			description = "Accepted bearer token. Default: ${DEFAULT-VALUE}")
	String token;

	@Option(names = "--tenant-id",
			description = "The simulated tenant's id (tokens' tid, GET /organization); give each simulated tenant its "
					+ "own (default: the simulator's fixed one, printed at start)")
	@Nullable String tenantId;

	@Option(names = "--jwt", description = "Issue the token as Entra does for an app: a JWT carrying the tenant (tid) "
			+ "and the granted permissions (roles); printed at start")
	boolean jwt;

	@Option(names = "--with-setting", description = "Start with a Group.Unified directory setting (template defaults)")
	boolean withSetting;

	@Option(names = "--throttling", defaultValue = "off",
			description = "off|large|medium|small (Graph's tenant sizes)|one-second (a write bucket of 40, refilled at 40/s). Default: ${DEFAULT-VALUE}")
	String throttling;

	@Option(names = "--time-scale", defaultValue = "1",
			description = "Budget refill speed-up factor (capacities unchanged). Default: ${DEFAULT-VALUE}")
	double timeScale;

	@Option(names = "--latency-ms", defaultValue = "0", description = "Fixed latency per HTTP request")
	long latencyMs;

	@Option(names = "--jitter-ms", defaultValue = "0", description = "Random extra latency in [0, jitter]")
	long jitterMs;

	@Option(names = "--error-rate", defaultValue = "0", description = "Rate of injected 503/504 answers (0..1)")
	double errorRate;

	@Option(names = "--gateway-error-rate", defaultValue = "0",
			description = "Rate of requests answered by a gateway with 502/504 and an HTML page (0..1)")
	double gatewayErrorRate;

	@Option(names = "--empty-answer-rate", defaultValue = "0",
			description = "Rate of answers Graph made that arrive with an empty body (0..1)")
	double emptyAnswerRate;

	@Option(names = "--truncated-answer-rate", defaultValue = "0",
			description = "Rate of answers Graph made whose body is cut short (0..1)")
	double truncatedAnswerRate;

	@Option(names = "--omitted-writeback-rate", defaultValue = "0",
			description = "Rate of group objects whose selected writebackConfiguration is left out of the answer (0..1)")
	double omittedWritebackRate;

	@Option(names = "--throttled-batch", defaultValue = "424",
			description = "Status of a $batch envelope when some of its steps were throttled: 200 (json-batching) or 424 (throttling page). Default: ${DEFAULT-VALUE}")
	String throttledBatch;

	@Option(names = "--other-app-writes-per-second", defaultValue = "0",
			description = "Writes per second another app spends from the tenant-wide write bucket (18,000 / 5 min). Default: ${DEFAULT-VALUE}")
	double otherAppWrites;

	@Option(names = "--read-lag-ms", defaultValue = "0",
			description = "How long plain reads keep showing a group as it was before a write. Default: ${DEFAULT-VALUE}")
	long readLagMs;

	@Option(names = "--refuse-created-since-filter",
			description = "Refuse the createdDateTime filter on /groups with 400 Request_UnsupportedQuery")
	boolean refuseCreatedSince;

	@Option(names = "--grants", defaultValue = "Group.Read.All,Group.ReadWrite.All,GroupSettings.ReadWrite.All",
			description = "Application permissions the token carries (comma-separated). Default: ${DEFAULT-VALUE}")
	String grants;

	@Option(names = "--role-assignable-groups", defaultValue = "0",
			description = "How many unified groups are role-assignable (they need RoleManagement.ReadWrite.Directory). Default: ${DEFAULT-VALUE}")
	int roleAssignableGroups;

	@Option(names = "--gauge", defaultValue = "none",
			description = "Where x-ms-throttle-limit-percentage appears in batch answers: steps|envelope|none. Default: ${DEFAULT-VALUE}")
	String gauge;

	@Option(names = "--reset-rate", defaultValue = "0",
			description = "Rate of connections closed without response (0..1)")
	double resetRate;

	@Option(names = "--skiptoken-ttl-seconds", defaultValue = "0",
			description = "Lifetime of $skiptoken values (0 = never expire)")
	long skipTokenTtl;

	@Option(names = "--tenant-file", description = "Load this saved tenant instead of generating one")
	@Nullable Path tenantFile;

	@Option(names = "--audit-file", description = "Append every mutation to this JSON-lines file")
	@Nullable Path auditFile;

	@Spec
	@Nullable CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		GraphSimulator sim = start(Objects.requireNonNull(spec), this::config);
		CountDownLatch stop = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sim.close();
			stop.countDown();
		}, "simulator-shutdown"));
		System.out.println("Graph simulator listening");
		System.out.println("  base URL : " + sim.baseUrl());
		System.out.println("  token    : " + sim.token() + "   (Authorization: Bearer " + sim.token() + ")");
		System.out.println("  tenant   : " + sim.tenantId() + "   (WRITEBACK_TENANT_ID)");
		System.out.println("  groups   : " + sim.tenant().unifiedGroupCount() + " unified");
		System.out.println("  admin    : " + sim.adminUrl() + "/state | /audit | /counters | /faults (GET/POST)"
				+ " | /groups (POST) | /groups/{id} (GET/DELETE) | /save?path=... (POST)");
		System.out.println("Press Ctrl+C to stop.");
		stop.await();
		return 0;
	}

	/**
	 * Starts the simulator from a command's options ({@code simulate}, {@code demo}):
	 * whatever it cannot play (a rate outside [0,1], a negative count or latency, a port
	 * out of range, a tenant file that is not a file), found while its configuration is
	 * built or while it starts, is a usage error naming it (exit 2), not a stack trace.
	 */
	static GraphSimulator start(CommandSpec spec, Supplier<SimulatorConfig> config) throws IOException {
		try {
			return GraphSimulator.start(config.get());
		}
		catch (IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
		}
	}

	private SimulatorConfig config() {
		SimulatorConfig.Builder builder = SimulatorConfig.builder();
		if (tenantId != null) {
			builder.tenantId(tenantId);
		}
		return builder.port(port)
			.token(token)
			.jwtTokens(jwt)
			.seed(seed)
			.unifiedGroups(groups)
			.nonUnifiedGroups(nonUnified)
			.withGroupUnifiedSetting(withSetting)
			.throttling(ThrottleConfig.named(throttling).timeScale(timeScale))
			.faults(FaultConfig.none()
				.latency(Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs))
				.errorRate(errorRate)
				.resetRate(resetRate)
				.gatewayErrorRate(gatewayErrorRate)
				.emptyAnswerRate(emptyAnswerRate)
				.truncatedAnswerRate(truncatedAnswerRate)
				.omittedWritebackRate(omittedWritebackRate))
			.modes(GraphModes.defaults()
				.throttledBatch(GraphModes.ThrottledBatch.of(throttledBatch))
				.otherAppWritesPerSecond(otherAppWrites)
				.readLag(Duration.ofMillis(readLagMs))
				.createdSinceRefused(refuseCreatedSince)
				.grants(GraphModes.parseGrants(grants)))
			.roleAssignableGroups(roleAssignableGroups)
			.batchFaults(BatchFaults.none().gauge(BatchFaults.Gauge.valueOf(gauge.toUpperCase(Locale.ROOT))))
			.skipTokenTtl(Duration.ofSeconds(skipTokenTtl))
			.tenantFile(tenantFile)
			.auditFile(auditFile)
			.build();
	}

}
