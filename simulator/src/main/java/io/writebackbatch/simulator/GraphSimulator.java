package io.writebackbatch.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server speaking the subset of Microsoft Graph beta that writeback-batch
 * uses: group listing and paging, group get/patch of {@code writebackConfiguration},
 * member counts, directory settings and templates, JSON batching, Graph's errors and
 * throttling. Admin endpoints live under {@code /_sim}. See docs/guide/simulator.md;
 * {@link HttpFront} is where a request starts.
 */
public final class GraphSimulator implements AutoCloseable {

	static {
		// The JDK server writes headers and body separately: without TCP_NODELAY, Nagle +
		// delayed ACK add ~40 ms.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final SimulatorConfig cfg;

	private final Tenant tenant;

	private final Audit audit;

	private final Counters counters = new Counters();

	private final Controls controls;

	private final AdvancedQueryIndex advancedQueryIndex;

	private final RoleAssignable roleAssignable;

	private final HttpServer server;

	private final ExecutorService pool;

	private GraphSimulator(SimulatorConfig cfg) throws IOException {
		this.cfg = cfg;
		this.tenant = (cfg.tenantFile() != null) ? Tenant.load(cfg.tenantFile(), cfg.seed()) : Tenant
			.generate(cfg.seed(), cfg.unifiedGroups(), cfg.nonUnifiedGroups(), cfg.withGroupUnifiedSetting());
		this.audit = new Audit(cfg.auditFile());
		tenant.auditor(audit);
		this.controls = new Controls(cfg);
		this.advancedQueryIndex = new AdvancedQueryIndex(cfg.advancedQueryLag(), () -> controls.modes().readLag());
		this.roleAssignable = new RoleAssignable(tenant.store(), cfg.roleAssignableGroups());
		HttpFront front = front(new Permissions(cfg, controls), new ErrorAnswers(counters));
		this.server = HttpServer.create(new InetSocketAddress(cfg.host(), cfg.port()), 1024);
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(cfg.threads(), cfg.threads(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (r) -> {
					Thread t = new Thread(r, "graph-sim-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
		server.setExecutor(pool);
		server.createContext("/", (exchange) -> front.handle(exchange, hostForUrls() + ":" + port()));
		server.start();
	}

	/** The layers a request passes, from the HTTP front to the endpoints. */
	private HttpFront front(Permissions permissions, ErrorAnswers errors) {
		TenantStore store = tenant.store();
		GroupJson json = new GroupJson(store.groups(), roleAssignable, advancedQueryIndex, controls);
		Router router = new Router(controls, new FaultInjection(tenant, audit, counters, errors),
				new BudgetGate(controls, counters),
				new GroupListing(store, json, new SkipTokens(cfg), controls, errors),
				new GroupEndpoints(store, json, roleAssignable, permissions, advancedQueryIndex, audit, counters,
						errors),
				new GroupCount(store, errors), new Settings(tenant.settings(), audit, counters, errors),
				new Organization(cfg.tenantId(), permissions, errors), permissions, counters, errors);
		return new HttpFront(controls, permissions, router, new BatchEndpoint(router, controls, counters, errors),
				new Admin(this), counters, errors);
	}

	/** Generates (or loads) the tenant and starts serving. */
	public static GraphSimulator start(SimulatorConfig cfg) throws IOException {
		return new GraphSimulator(cfg);
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:<port>/beta}. */
	public String baseUrl() {
		return "http://" + hostForUrls() + ":" + port() + "/beta";
	}

	/** {@code http://127.0.0.1:<port>/_sim}. */
	public String adminUrl() {
		return "http://" + hostForUrls() + ":" + port() + "/_sim";
	}

	private String hostForUrls() {
		String h = cfg.host();
		return h.equals("0.0.0.0") ? "127.0.0.1" : h;
	}

	public String token() {
		return cfg.token();
	}

	/** The read-only token (Group.Read.All), as issued; null when none was configured. */
	public String readOnlyToken() {
		return cfg.readOnlyToken();
	}

	/**
	 * The simulated tenant's id ({@code tid} of its tokens, {@code GET /organization}).
	 */
	public String tenantId() {
		return cfg.tenantId();
	}

	public Tenant tenant() {
		return tenant;
	}

	public List<AuditEntry> audit() {
		return audit.snapshot();
	}

	public void clearAudit() {
		audit.clear();
	}

	public FaultConfig faults() {
		return controls.faults();
	}

	/** Replaces the fault settings at run time. */
	public void faults(FaultConfig f) {
		controls.faults(f);
	}

	public BatchFaults batchFaults() {
		return controls.batchFaults();
	}

	/**
	 * Replaces the {@code $batch} answer faults (and where the gauge appears) at run
	 * time.
	 */
	public void batchFaults(BatchFaults f) {
		controls.batchFaults(f);
	}

	public ThrottleConfig throttling() {
		return controls.throttler().config();
	}

	/** Replaces the throttling settings at run time (buckets restart full). */
	public void throttling(ThrottleConfig t) {
		controls.throttling(t);
	}

	/** How long a page token stays valid; zero: forever. */
	public Duration skipTokenTtl() {
		return controls.skipTokenTtl();
	}

	/** How long a page token stays valid; zero (or null): forever. */
	public void skipTokenTtl(Duration ttl) {
		controls.skipTokenTtl(ttl);
	}

	/**
	 * Changes how far the advanced-query index (ConsistencyLevel: eventual) lags writes.
	 */
	public void advancedQueryLag(Duration lag) {
		advancedQueryIndex.lag(lag);
	}

	/** The ids of the role-assignable groups (isAssignableToRole: true). */
	public Set<String> roleAssignableGroupIds() {
		return roleAssignable.ids();
	}

	/** Makes the first {@code n} unified groups (in id order) role-assignable. */
	public void roleAssignableGroups(int n) {
		roleAssignable.count(n);
	}

	int roleAssignableGroupCount() {
		return roleAssignable.count();
	}

	public GraphModes modes() {
		return controls.modes();
	}

	/**
	 * Replaces the {@link GraphModes} at run time (a new rate of the other app restarts
	 * the throttling buckets).
	 */
	public void modes(GraphModes m) {
		controls.modes(m);
	}

	public SimulatorCounters counters() {
		return counters.snapshot(controls.throttler().use());
	}

	public void resetCounters() {
		counters.reset();
	}

	/**
	 * Requests and batch steps by the {@code x-ms-throttle-priority} they carried ("none"
	 * without it).
	 */
	public Map<String, Long> throttlePriorities() {
		return counters.priorities();
	}

	/** Saves the whole tenant state (groups + settings) as JSON lines. */
	public void save(Path file) throws IOException {
		tenant.save(file);
	}

	@Override
	public void close() {
		server.stop(0);
		pool.shutdownNow();
		audit.close();
	}

}
