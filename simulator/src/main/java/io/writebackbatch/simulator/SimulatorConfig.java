package io.writebackbatch.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Start-up configuration of a {@link GraphSimulator}. Build with {@link #builder()}.
 *
 * @param readOnlyToken A second accepted token whose writes get Graph's 403
 * Authorization_RequestDenied (null = none).
 * @param privilegedToken A token that also carries RoleManagement.ReadWrite.Directory
 * (null = none): it may update role-assignable groups.
 * @param roleAssignableGroups How many unified groups are role-assignable (the first ones
 * in id order); others' tokens get 403 on them.
 * @param advancedQueryLag How far the advanced-query index (ConsistencyLevel: eventual)
 * lags writes.
 * @param modes Where Graph is less kind than a simple stand-in ({@link GraphModes}).
 * @param skipTokenTtl Lifetime of a {@code $skiptoken}; {@link Duration#ZERO} = never
 * expires.
 * @param tenantFile A saved tenant to load instead of generating one (null = generate).
 * @param auditFile A JSON-lines file the audit log is appended to (null = memory only).
 */
public record SimulatorConfig(String host, int port, String token, String readOnlyToken, String privilegedToken,
		int roleAssignableGroups, Duration advancedQueryLag, long seed, int unifiedGroups, int nonUnifiedGroups,
		boolean withGroupUnifiedSetting, ThrottleConfig throttling, FaultConfig faults, BatchFaults batchFaults,
		GraphModes modes, Duration skipTokenTtl, Path tenantFile, Path auditFile, int threads, String tenantId,
		String appId) {

	public static Builder builder() {
		return new Builder();
	}

	public static final class Builder {

		private String host = "127.0.0.1";

		private int port = 0;

		private String token = "local-dev-token";

		private String readOnlyToken;

		private String privilegedToken;

		private int roleAssignableGroups;

		private Duration advancedQueryLag = Duration.ofSeconds(2);

		private long seed = 42;

		private int unifiedGroups = 1_000;

		private int nonUnifiedGroups = -1;

		private boolean withGroupUnifiedSetting = false;

		private ThrottleConfig throttling = ThrottleConfig.off();

		private FaultConfig faults = FaultConfig.none();

		private BatchFaults batchFaults = BatchFaults.none();

		private GraphModes modes = GraphModes.defaults();

		private Duration skipTokenTtl = Duration.ZERO;

		private Path tenantFile;

		private Path auditFile;

		private int threads = 128;

		private String tenantId;

		private String appId = "5e0c1f7a-2b3d-4c8e-9f10-a1b2c3d4e5f6";

		private boolean jwtTokens;

		private Builder() {
			tenantId = "9b1f3c2e-5d4a-4e8b-9c7d-1a2b3c4d5e6f";
		}

		/** Bind address; default 127.0.0.1. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host);
			return this;
		}

		/** 0 = a free port. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder token(String token) {
			this.token = Objects.requireNonNull(token);
			return this;
		}

		/**
		 * Also accept this token, as for an app granted only Group.Read.All: its writes
		 * are answered 403.
		 */
		public Builder readOnlyToken(String token) {
			this.readOnlyToken = token;
			return this;
		}

		/**
		 * Also accept this token, as for an app granted
		 * RoleManagement.ReadWrite.Directory too.
		 */
		public Builder privilegedToken(String token) {
			this.privilegedToken = token;
			return this;
		}

		/** The first {@code n} unified groups (in id order) are role-assignable. */
		public Builder roleAssignableGroups(int n) {
			this.roleAssignableGroups = n;
			return this;
		}

		/**
		 * Delay of the advanced-query index behind writes; Graph's is undocumented, so
		 * the default is not zero.
		 */
		public Builder advancedQueryLag(Duration lag) {
			this.advancedQueryLag = Objects.requireNonNull(lag);
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Builder unifiedGroups(int n) {
			this.unifiedGroups = n;
			return this;
		}

		/** Security groups and distribution lists; default 10 % of the unified count. */
		public Builder nonUnifiedGroups(int n) {
			this.nonUnifiedGroups = n;
			return this;
		}

		public Builder withGroupUnifiedSetting(boolean present) {
			this.withGroupUnifiedSetting = present;
			return this;
		}

		public Builder throttling(ThrottleConfig t) {
			this.throttling = Objects.requireNonNull(t);
			return this;
		}

		public Builder faults(FaultConfig f) {
			this.faults = Objects.requireNonNull(f);
			return this;
		}

		/**
		 * {@code $batch} answer faults and where the gauge appears; default none, no
		 * gauge in batch answers.
		 */
		public Builder batchFaults(BatchFaults f) {
			this.batchFaults = Objects.requireNonNull(f);
			return this;
		}

		/**
		 * Where Graph's docs allow less kindness (the envelope of a throttled batch,
		 * another app, read lag, a refused filter, the main token's grants); default
		 * {@link GraphModes#defaults()}.
		 */
		public Builder modes(GraphModes m) {
			this.modes = Objects.requireNonNull(m);
			return this;
		}

		public Builder latency(Duration fixed, Duration jitter) {
			this.faults = faults.latency(fixed, jitter);
			return this;
		}

		public Builder skipTokenTtl(Duration ttl) {
			this.skipTokenTtl = ttl == null ? Duration.ZERO : ttl;
			return this;
		}

		public Builder tenantFile(Path file) {
			this.tenantFile = file;
			return this;
		}

		public Builder auditFile(Path file) {
			this.auditFile = file;
			return this;
		}

		/** Worker threads of the HTTP server (each simulated latency holds one). */
		public Builder threads(int n) {
			this.threads = n;
			return this;
		}

		public Builder tenantId(String id) {
			this.tenantId = id;
			return this;
		}

		public Builder appId(String id) {
			this.appId = id;
			return this;
		}

		/**
		 * Issue the accepted tokens as Entra does for an app: JWTs carrying the tenant
		 * ({@code tid}), the app and the granted permissions ({@code roles}); the names
		 * given to {@link #token} and the others become each token's {@code jti}. Off by
		 * default: the token is then the opaque string given.
		 */
		public Builder jwtTokens(boolean jwt) {
			this.jwtTokens = jwt;
			return this;
		}

		public SimulatorConfig build() {
			if (unifiedGroups < 0) {
				throw new IllegalArgumentException("unifiedGroups must be >= 0");
			}
			if (port < 0 || port > 65_535) {
				throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
			}
			if (roleAssignableGroups < 0) {
				throw new IllegalArgumentException("roleAssignableGroups must be >= 0");
			}
			if (skipTokenTtl.isNegative()) {
				throw new IllegalArgumentException(
						"skipTokenTtl must be 0 (never expire) or more, was " + skipTokenTtl.toMillis() + " ms");
			}
			if (tenantFile != null && !Files.isRegularFile(tenantFile)) {
				throw new IllegalArgumentException("tenantFile " + tenantFile + " is not a file"
						+ (Files.exists(tenantFile) ? "" : " (no such file)"));
			}
			String main = jwtTokens ? SimulatedTokens.jwt(token, tenantId, appId, Permissions.main(modes)) : token;
			String readOnly = jwtTokens && readOnlyToken != null
					? SimulatedTokens.jwt(readOnlyToken, tenantId, appId, Permissions.READ_ONLY) : readOnlyToken;
			String privileged = jwtTokens && privilegedToken != null
					? SimulatedTokens.jwt(privilegedToken, tenantId, appId, Permissions.privileged(modes))
					: privilegedToken;
			return new SimulatorConfig(host, port, main, readOnly, privileged, roleAssignableGroups, advancedQueryLag,
					seed, unifiedGroups, nonUnifiedGroups >= 0 ? nonUnifiedGroups : unifiedGroups / 10,
					withGroupUnifiedSetting, throttling, faults, batchFaults, modes, skipTokenTtl, tenantFile,
					auditFile, threads, tenantId, appId);
		}

	}

}
