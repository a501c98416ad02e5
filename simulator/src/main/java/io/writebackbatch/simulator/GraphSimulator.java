package io.writebackbatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server speaking the subset of Microsoft Graph beta that writeback-batch uses: group listing and
 * paging, group get/patch of {@code writebackConfiguration}, member counts, directory settings and templates,
 * JSON batching, Graph's errors and throttling. Admin endpoints live under {@code /_sim}. See the simulator section of README.md.
 */
public final class GraphSimulator implements AutoCloseable {

    static final Pattern UNIFIED_FILTER = Pattern.compile(
            "\\s*groupTypes/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+eq\\s+'Unified'\\s*\\)\\s*");
    /** Unified groups created since an instant: an advanced query (needs $count=true and ConsistencyLevel: eventual). */
    private static final Pattern CREATED_SINCE_FILTER = Pattern.compile(
            "\\s*groupTypes/any\\(\\s*(\\w+)\\s*:\\s*\\1\\s+eq\\s+'Unified'\\s*\\)\\s+and\\s+createdDateTime\\s+ge\\s+(\\S+)\\s*");
    private static final Set<String> GROUP_PROPS = Set.of("id", "displayName", "description", "groupTypes", "mail",
            "mailEnabled", "mailNickname", "securityEnabled", "visibility", "createdDateTime", "onPremisesSyncEnabled",
            "writebackConfiguration", "deletedDateTime", "classification", "isAssignableToRole", "renewedDateTime",
            "proxyAddresses", "securityIdentifier", "resourceProvisioningOptions");
    private static final List<String> DEFAULT_PROPS = List.of("id", "deletedDateTime", "classification",
            "createdDateTime", "description", "displayName", "groupTypes", "isAssignableToRole", "mail", "mailEnabled",
            "mailNickname", "onPremisesSyncEnabled", "proxyAddresses", "renewedDateTime",
            "resourceProvisioningOptions", "securityEnabled", "securityIdentifier", "visibility");

    static {
        // The JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig cfg;
    private final Tenant tenant;
    private final Audit audit;
    private final HttpServer server;
    private final ExecutorService pool;
    private final byte[] tokenKey;
    private volatile FaultConfig faults;
    private volatile BatchFaults batchFaults;
    private volatile Throttler throttler;
    private volatile Duration skipTokenTtl;
    private final Permissions permissions;
    private final AdvancedQueryIndex advancedQueryIndex;
    private final Set<String> roleAssignable;
    private final Map<String, LongAdder> counters = new LinkedHashMap<>();
    private final Map<String, LongAdder> priorities = new java.util.concurrent.ConcurrentHashMap<>();

    private GraphSimulator(SimulatorConfig cfg) throws IOException {
        this.cfg = cfg;
        this.tenant = cfg.tenantFile() != null ? Tenant.load(cfg.tenantFile(), cfg.seed())
                : Tenant.generate(cfg.seed(), cfg.unifiedGroups(), cfg.nonUnifiedGroups(),
                        cfg.withGroupUnifiedSetting());
        this.audit = new Audit(cfg.auditFile());
        tenant.auditor(audit);
        this.faults = cfg.faults();
        this.batchFaults = cfg.batchFaults();
        this.throttler = new Throttler(cfg.throttling(), cfg.appId(), cfg.tenantId());
        this.skipTokenTtl = cfg.skipTokenTtl();
        this.permissions = new Permissions(cfg);
        this.advancedQueryIndex = new AdvancedQueryIndex(cfg.advancedQueryLag());
        this.roleAssignable = Set.copyOf(java.util.Arrays.stream(tenant.page(null, cfg.roleAssignableGroups(), true))
                .mapToObj(tenant::id).toList());
        this.tokenKey = ("graph-simulator:" + cfg.seed() + ":" + cfg.token()).getBytes(StandardCharsets.UTF_8);
        for (String c : List.of("requests", "groupListPages", "groupGets", "groupPatches", "memberCounts",
                "settingsRequests", "batches", "batchSubRequests", "throttled429", "injected5xx", "connectionResets",
                "unauthorized", "notFound", "badRequests", "writesApplied", "groupsDeletedByOthers",
                "groupsCreatedByOthers")) {
            counters.put(c, new LongAdder());
        }
        this.server = HttpServer.create(new InetSocketAddress(cfg.host(), cfg.port()), 1024);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(cfg.threads(), cfg.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "graph-sim-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
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
        return faults;
    }

    /** Replaces the fault settings at run time. */
    public void faults(FaultConfig f) {
        this.faults = f;
    }

    public BatchFaults batchFaults() {
        return batchFaults;
    }

    /** Replaces the {@code $batch} answer faults (and where the gauge appears) at run time. */
    public void batchFaults(BatchFaults f) {
        this.batchFaults = f;
    }

    public ThrottleConfig throttling() {
        return throttler.config();
    }

    /** Replaces the throttling settings at run time (buckets restart full). */
    public void throttling(ThrottleConfig t) {
        this.throttler = new Throttler(t, cfg.appId(), cfg.tenantId());
    }

    public void skipTokenTtl(Duration ttl) {
        this.skipTokenTtl = ttl == null ? Duration.ZERO : ttl;
    }

    /** Changes how far the advanced-query index (ConsistencyLevel: eventual) lags writes. */
    public void advancedQueryLag(Duration lag) {
        advancedQueryIndex.lag(lag);
    }

    /** The ids of the role-assignable groups (isAssignableToRole: true). */
    public Set<String> roleAssignableGroupIds() {
        return roleAssignable;
    }

    public SimulatorCounters counters() {
        double[] use = throttler.use();
        return new SimulatorCounters(c("requests"), c("groupListPages"), c("groupGets"), c("groupPatches"),
                c("memberCounts"), c("settingsRequests"), c("batches"), c("batchSubRequests"), c("throttled429"),
                c("injected5xx"), c("connectionResets"), c("unauthorized"), c("notFound"), c("badRequests"),
                c("writesApplied"), c("groupsDeletedByOthers"), c("groupsCreatedByOthers"), use[0], use[1], use[2]);
    }

    public void resetCounters() {
        counters.values().forEach(LongAdder::reset);
        priorities.clear();
    }

    /** Requests and batch steps by the {@code x-ms-throttle-priority} they carried ("none" without it). */
    public Map<String, Long> throttlePriorities() {
        Map<String, Long> out = new java.util.TreeMap<>();
        priorities.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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

    Resp badRequest(String message, Req req) {
        return error(400, "Request_BadRequest", message, req);
    }

    private long c(String name) {
        return counters.get(name).sum();
    }

    private void count(String name) {
        counters.get(name).increment();
    }

    // ================================================================== HTTP plumbing

    /** A parsed request (top-level or a $batch step). {@code path} is relative to /beta. */
    record Req(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
               String requestId, String clientRequestId, String origin) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A response: JSON body, text body, or none. */
    record Resp(int status, Map<String, String> headers, JsonNode json, String text) {
        static Resp json(int status, JsonNode body) {
            return new Resp(status, new LinkedHashMap<>(), body, null);
        }

        static Resp empty(int status) {
            return new Resp(status, new LinkedHashMap<>(), null, null);
        }

        Resp header(String k, String v) {
            headers.put(k, v);
            return this;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            count("requests");
            FaultConfig f = faults;
            String rawPath = ex.getRequestURI().getPath(); // percent-decoded, like Graph
            boolean admin = rawPath.startsWith("/_sim");
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            if (!admin && f.resetRate() > 0 && rnd.nextDouble() < f.resetRate()) {
                count("connectionResets");
                return; // closing the exchange before any response closes the connection
            }
            if (!admin) {
                long ms = f.latency().toMillis() + (f.jitter().toMillis() > 0 ? rnd.nextLong(f.jitter().toMillis() + 1)
                        : 0);
                if (ms > 0) {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String requestId = UUID.randomUUID().toString();
            String clientRequestId = headers.getOrDefault("client-request-id", requestId);
            byte[] body = ex.getRequestBody().readAllBytes();
            if (admin) {
                handleAdmin(ex, rawPath, ex.getRequestURI().getRawQuery(), body, requestId, clientRequestId);
                return;
            }
            GatewayFault gateway = GatewayFault.draw(f.gatewayErrorRate(), rnd);
            if (gateway == GatewayFault.NONE && rawPath.equals("/beta/$batch")) {
                gateway = GatewayFault.draw(batchFaults.gatewayRate(), rnd);
            }
            if (gateway.beforeGraph()) {
                count("injected5xx");
                gateway.send(ex);
                return;
            }
            String host = headers.getOrDefault("host", hostForUrls() + ":" + port());
            Req req = new Req(ex.getRequestMethod().toUpperCase(Locale.ROOT), rawPath, parseQuery(
                    ex.getRequestURI().getRawQuery()), headers, body, requestId, clientRequestId, "http://" + host);
            Resp resp;
            if (!rawPath.startsWith("/beta/") && !rawPath.equals("/beta")) {
                resp = error(404, "BadRequest", "Invalid version.", req); // Graph: unknown version segment
            } else {
                req = new Req(req.method, rawPath.substring(5), req.query, headers, body, requestId, clientRequestId,
                        req.origin);
                resp = authenticate(req);
                if (resp == null) {
                    resp = req.path.equals("/$batch") && req.method.equals("POST") ? batch(req) : execute(req, false);
                }
            }
            if (gateway.afterGraph()) {
                count("injected5xx");
                gateway.send(ex);
                return;
            }
            write(ex, resp, requestId, clientRequestId);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            try {
                byte[] b = Json.MAPPER.writeValueAsBytes(Json.error("UnknownError", String.valueOf(e), "", ""));
                ex.sendResponseHeaders(500, b.length);
                ex.getResponseBody().write(b);
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
    }

    private void write(HttpExchange ex, Resp resp, String requestId, String clientRequestId) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("request-id", requestId);
        h.set("client-request-id", clientRequestId);
        h.set("Cache-Control", "no-cache");
        resp.headers.forEach(h::set);
        if (resp.json != null || resp.text != null) {
            byte[] b = resp.json != null ? Json.MAPPER.writeValueAsBytes(resp.json)
                    : resp.text.getBytes(StandardCharsets.UTF_8);
            if (!resp.headers.containsKey("Content-Type")) {
                h.set("Content-Type", resp.json != null
                        ? "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
                        : "text/plain");
            }
            ex.sendResponseHeaders(resp.status, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        } else {
            ex.sendResponseHeaders(resp.status, -1);
        }
    }

    /** Decodes query parameters like Graph: percent-decoding of names and values, '+' as space. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            String norm = k.toLowerCase(Locale.ROOT);
            if (!norm.startsWith("$") && Set.of("select", "filter", "top", "count", "skiptoken", "orderby", "expand",
                    "search", "skip").contains(norm)) {
                norm = "$" + norm; // beta accepts system query options without '$'
            }
            q.put(norm, v);
        }
        return q;
    }

    private Resp authenticate(Req req) {
        String auth = req.header("authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            count("unauthorized");
            return error(401, "InvalidAuthenticationToken", "Access token is empty.", req)
                    .header("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        }
        if (!permissions.accepts(bearer(req))) {
            count("unauthorized");
            return error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", req)
                    .header("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"");
        }
        return null;
    }

    private static String bearer(Req req) {
        String auth = req.header("authorization");
        return auth == null || auth.length() <= 7 ? "" : auth.substring(7).trim();
    }

    private Resp denied(Req req) {
        return error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", req);
    }

    private Resp error(int status, String code, String message, Req req) {
        if (status == 404) {
            count("notFound");
        } else if (status == 400) {
            count("badRequests");
        }
        return Resp.json(status, Json.error(code, message, req.requestId, req.clientRequestId));
    }

    private Resp notFound(String id, Req req) {
        return error(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.", req);
    }

    // ================================================================== request execution

    /**
     * Runs one request (top-level or batch step): "by someone else" changes, injected 5xx, random 429, budget,
     * then the operation itself.
     */
    private Resp execute(Req req, boolean inBatch) {
        String priority = req.header("x-ms-throttle-priority");
        priorities.computeIfAbsent(priority == null ? "none" : priority, k -> new LongAdder()).increment();
        FaultConfig f = faults;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (f.deleteRate() > 0 && rnd.nextDouble() < f.deleteRate()) {
            int s = tenant.randomLiveUnified();
            if (s >= 0 && tenant.delete(s)) {
                count("groupsDeletedByOthers");
                audit.record("someone-else", "EXTERNAL-DELETE", tenant.id(s), Audit.wbJson(tenant.writeback(s)), null);
            }
        }
        if (f.createRate() > 0 && rnd.nextDouble() < f.createRate()) {
            int s = tenant.create("New Team " + Long.toHexString(rnd.nextLong() & 0xFFFFFFL), Tenant.UNIFIED,
                    tenant.newUnifiedGroupWritebackDefault());
            count("groupsCreatedByOthers");
            audit.record("someone-else", "EXTERNAL-CREATE", tenant.id(s), null, Audit.wbJson(tenant.writeback(s)));
        }
        if (f.errorRate() > 0 && rnd.nextDouble() < f.errorRate()) {
            count("injected5xx");
            return rnd.nextBoolean()
                    ? error(503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.",
                            req)
                    : error(504, "GatewayTimeout", "The gateway did not receive a timely response.", req);
        }
        int[] cost = cost(req);
        if (f.randomThrottleRate() > 0 && rnd.nextDouble() < f.randomThrottleRate()) {
            count("throttled429");
            return Resp.json(429, Json.tooManyRequests(req.requestId, req.clientRequestId))
                    .header("Retry-After", "1").header("x-ms-resource-unit", Integer.toString(cost[0]));
        }
        Throttler.Decision d = throttler.charge(cost[0], cost[1]);
        if (!d.allowed()) {
            count("throttled429");
            Resp r = Resp.json(429, Json.tooManyRequests(req.requestId, req.clientRequestId))
                    .header("Retry-After", String.format(Locale.ROOT, "%.3f", d.retryAfter()))
                    .header("x-ms-throttle-scope", d.scope())
                    .header("x-ms-throttle-information", d.information())
                    .header("x-ms-resource-unit", Integer.toString(cost[0]));
            return withPercentage(r, d);
        }
        Resp r = route(req);
        r.header("x-ms-resource-unit", Integer.toString(cost[0]));
        return withPercentage(r, d);
    }

    private static Resp withPercentage(Resp r, Throttler.Decision d) {
        if (d.limitPercentage() > 0.8) {
            r.header("x-ms-throttle-limit-percentage", String.format(Locale.ROOT, "%.2f", d.limitPercentage()));
        }
        return r;
    }

    /** [RU, writes] per https://learn.microsoft.com/graph/throttling-limits (identity and access). */
    private static int[] cost(Req req) {
        if (!req.method.equals("GET")) {
            return new int[] {1, 1};
        }
        int base = req.path.contains("/members") ? 3 : 1;
        if (req.query.containsKey("$select")) {
            base--;
        }
        String top = req.query.get("$top");
        if (top != null) {
            try {
                if (Integer.parseInt(top.trim()) < 20) {
                    base--;
                }
            } catch (NumberFormatException ignored) {
                // answered with 400 later
            }
        }
        return new int[] {Math.max(1, base), 0};
    }

    private Resp route(Req req) {
        String p = req.path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        String[] seg = p.length() > 1 ? p.substring(1).split("/") : new String[0];
        String m = req.method;
        if (seg.length == 0) {
            return error(400, "BadRequest", "Resource not found for the segment ''.", req);
        }
        String first = seg[0];
        if (!m.equals("GET") && !permissions.has(bearer(req), Permissions.GROUP_READ_WRITE)) {
            return denied(req);
        }
        if (first.equalsIgnoreCase("groups")) {
            if (seg.length == 1 && m.equals("GET")) {
                return listGroups(req);
            }
            if (seg.length == 2 && m.equals("GET") && seg[1].equals("$count")) {
                return GroupCount.answer(this, req);
            }
            if (seg.length == 2 && m.equals("GET")) {
                return getGroup(req, seg[1]);
            }
            if (seg.length == 2 && m.equals("PATCH")) {
                return patchGroup(req, seg[1]);
            }
            if (seg.length == 4 && seg[2].equals("members") && seg[3].equals("$count") && m.equals("GET")) {
                return memberCount(req, seg[1]);
            }
        } else if (first.equalsIgnoreCase("settings")) {
            count("settingsRequests");
            return Settings.handle(this, req, seg);
        } else if (first.equalsIgnoreCase("directorySettingTemplates")) {
            count("settingsRequests");
            return Settings.templates(this, req, seg);
        }
        if (seg.length >= 1 && (first.equalsIgnoreCase("groups") || first.equalsIgnoreCase("settings"))) {
            return error(405, "Request_BadRequest", "The request method '" + m + "' is not supported.", req);
        }
        return error(400, "BadRequest", "Resource not found for the segment '" + first + "'.", req);
    }

    // ================================================================== groups

    private Resp listGroups(Req req) {
        count("groupListPages");
        Map<String, String> q = req.query;
        for (String k : q.keySet()) {
            if (k.equals("$orderby") || k.equals("$search") || k.equals("$expand")) {
                return error(400, "Request_UnsupportedQuery", "Unsupported Query.", req);
            }
            if (k.equals("$skip")) {
                return error(400, "Request_BadRequest", "'$skip' is not supported by the service.", req);
            }
        }
        boolean unifiedOnly = false;
        String filter = q.get("$filter");
        long createdSince = -1;
        java.util.regex.Matcher since = filter == null ? null : CREATED_SINCE_FILTER.matcher(filter);
        if (since != null && since.matches()) {
            if (!"true".equalsIgnoreCase(q.get("$count")) || !"eventual".equalsIgnoreCase(req.header("consistencylevel"))) {
                return error(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified "
                        + "for property 'createdDateTime' of resource 'Group'.", req);
            }
            try {
                createdSince = java.time.OffsetDateTime.parse(since.group(2)).toEpochSecond();
            } catch (java.time.format.DateTimeParseException e) {
                return error(400, "BadRequest", "Invalid filter clause: '" + since.group(2) + "' is not a DateTimeOffset.",
                        req);
            }
            unifiedOnly = true;
        } else if (filter != null && !filter.isBlank()) {
            if (!UNIFIED_FILTER.matcher(filter).matches()) {
                return error(400, "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property of resource 'Group'.",
                        req);
            }
            unifiedOnly = true;
        }
        int top = 100;
        if (q.containsKey("$top")) {
            try {
                top = Integer.parseInt(q.get("$top").trim());
            } catch (NumberFormatException e) {
                return error(400, "BadRequest", "Invalid $top value '" + q.get("$top") + "'.", req);
            }
            if (top < 1 || top > 999) {
                return error(400, "Request_UnsupportedQuery",
                        "Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.", req);
            }
        }
        List<String> select = select(q);
        if (select == null) {
            return badSelect(q, req);
        }
        boolean eventual = isAdvancedQuery(req);
        // $count=true without ConsistencyLevel: eventual is silently ignored (aad-advanced-queries)
        boolean countRequested = "true".equalsIgnoreCase(q.get("$count")) && eventual;
        Tenant.Key after = null;
        String token = q.get("$skiptoken");
        if (token != null) {
            SkipToken st = decodeToken(token);
            if (st == null) {
                return error(400, "Request_BadRequest", "Invalid page token specified.", req);
            }
            if (st.unifiedOnly != unifiedOnly) {
                return error(400, "Request_BadRequest", "Invalid page token specified.", req);
            }
            Duration ttl = skipTokenTtl;
            if (!ttl.isZero() && System.currentTimeMillis() - st.issuedMillis > ttl.toMillis()) {
                return error(400, "Directory_ExpiredPageToken",
                        "The specified page token value has expired and can no longer be included in your request.",
                        req);
            }
            after = st.after;
        }
        int[] page = tenant.page(after, top + 1, unifiedOnly, createdSince);
        boolean more = page.length > top;
        int n = Math.min(page.length, top);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("@odata.context", req.origin + "/beta/$metadata#groups"
                + (q.containsKey("$select") ? "(" + String.join(",", select) + ")" : ""));
        if (countRequested) {
            root.put("@odata.count", createdSince >= 0 ? tenant.liveUnifiedCreatedSince(createdSince)
                    : unifiedOnly ? tenant.liveUnifiedCount() : tenant.liveCount());
        }
        if (more) {
            StringBuilder link = new StringBuilder(req.origin).append("/beta/groups?");
            for (Map.Entry<String, String> e : q.entrySet()) {
                if (!e.getKey().equals("$skiptoken")) {
                    link.append(e.getKey()).append('=').append(encode(e.getValue())).append('&');
                }
            }
            link.append("$skiptoken=").append(encodeToken(tenant.key(page[n - 1]), unifiedOnly));
            root.put("@odata.nextLink", link.toString());
        }
        ArrayNode value = root.putArray("value");
        for (int i = 0; i < n; i++) {
            groupJson(value.addObject(), page[i], select, eventual);
        }
        return Resp.json(200, root);
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The $select list (validated), the default list if none, or null if a property is unknown. */
    private static List<String> select(Map<String, String> q) {
        String s = q.get("$select");
        if (s == null || s.isBlank()) {
            return DEFAULT_PROPS;
        }
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            String t = p.trim();
            String known = GROUP_PROPS.stream().filter(g -> g.equalsIgnoreCase(t)).findFirst().orElse(null);
            if (known == null) {
                return null;
            }
            if (!out.contains(known)) {
                out.add(known);
            }
        }
        return out;
    }

    private Resp badSelect(Map<String, String> q, Req req) {
        String bad = "";
        for (String p : q.get("$select").split(",")) {
            if (GROUP_PROPS.stream().noneMatch(g -> g.equalsIgnoreCase(p.trim()))) {
                bad = p.trim();
                break;
            }
        }
        return error(400, "Request_BadRequest",
                "Could not find a property named '" + bad + "' on type 'microsoft.graph.group'.", req);
    }

    /** An advanced query: answered from the eventually consistent index ({@link AdvancedQueryIndex}). */
    static boolean isAdvancedQuery(Req req) {
        return "eventual".equalsIgnoreCase(req.header("consistencylevel"));
    }

    private void groupJson(ObjectNode o, int s, List<String> props, boolean fromIndex) {
        byte kind = tenant.kind(s);
        for (String p : props) {
            switch (p) {
                case "id" -> o.put("id", tenant.id(s));
                case "displayName" -> o.put("displayName", tenant.displayName(s));
                case "description" -> o.putNull("description");
                case "deletedDateTime", "classification", "renewedDateTime" -> o.putNull(p);
                case "createdDateTime" -> o.put(p, java.time.Instant.ofEpochSecond(tenant.createdEpoch(s)).toString());
                case "groupTypes" -> {
                    ArrayNode a = o.putArray(p);
                    if (kind == Tenant.UNIFIED) {
                        a.add("Unified");
                    }
                }
                case "mail" -> o.put(p, tenant.mail(s));
                case "mailEnabled" -> o.put(p, kind != Tenant.SECURITY);
                case "securityEnabled" -> o.put(p, kind == Tenant.SECURITY);
                case "mailNickname" -> o.put(p, tenant.mailNickname(s));
                case "visibility" -> {
                    if (kind == Tenant.UNIFIED) {
                        o.put(p, tenant.isPrivate(s) ? "Private" : "Public");
                    } else {
                        o.putNull(p);
                    }
                }
                case "onPremisesSyncEnabled" -> {
                    if (tenant.sync(s)) {
                        o.put(p, true);
                    } else {
                        o.putNull(p);
                    }
                }
                case "isAssignableToRole" -> {
                    if (roleAssignable.contains(tenant.id(s))) {
                        o.put(p, true);
                    } else {
                        o.putNull(p);
                    }
                }
                case "proxyAddresses" -> {
                    ArrayNode a = o.putArray(p);
                    String mail = tenant.mail(s);
                    if (mail != null) {
                        a.add("SMTP:" + mail);
                    }
                }
                case "securityIdentifier" -> o.put(p, "S-1-12-1-" + Integer.toUnsignedString((int) tenant.key(s).hi()));
                case "resourceProvisioningOptions" -> o.putArray(p);
                case "writebackConfiguration" -> {
                    ObjectNode w = o.putObject(p);
                    byte packed = fromIndex ? advancedQueryIndex.asIndexed(s, tenant.writeback(s)) : tenant.writeback(s);
                    w.put("@odata.type", "#microsoft.graph.groupWritebackConfiguration");
                    Boolean en = Tenant.enabledOf(packed);
                    if (en == null) {
                        w.putNull("isEnabled");
                    } else {
                        w.put("isEnabled", en);
                    }
                    w.put("onPremisesGroupType", Tenant.typeOf(packed));
                }
                default -> { }
            }
        }
    }

    private Resp getGroup(Req req, String id) {
        count("groupGets");
        List<String> select = select(req.query);
        if (select == null) {
            return badSelect(req.query, req);
        }
        int s = slotOrError(id);
        if (s == -2) {
            return error(400, "Request_BadRequest", "Invalid object identifier '" + id + "'.", req);
        }
        if (s < 0) {
            return notFound(id, req);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("@odata.context", req.origin + "/beta/$metadata#groups"
                + (req.query.containsKey("$select") ? "(" + String.join(",", select) + ")" : "") + "/$entity");
        groupJson(o, s, select, isAdvancedQuery(req));
        return Resp.json(200, o);
    }

    /** Slot, -1 if no such group, -2 if the id is not a GUID. */
    private int slotOrError(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return -2;
        }
        return tenant.slotOf(id);
    }

    private Resp memberCount(Req req, String id) {
        count("memberCounts");
        if (!"eventual".equalsIgnoreCase(req.header("consistencylevel"))) {
            return error(400, "Request_BadRequest", "$count is not currently supported.", req);
        }
        int s = slotOrError(id);
        if (s == -2) {
            return error(400, "Request_BadRequest", "Invalid object identifier '" + id + "'.", req);
        }
        if (s < 0) {
            return notFound(id, req);
        }
        return new Resp(200, new LinkedHashMap<>(), null, Integer.toString(tenant.members(s)))
                .header("Content-Type", "text/plain");
    }

    private Resp patchGroup(Req req, String id) {
        count("groupPatches");
        int s = slotOrError(id);
        if (s == -2) {
            return error(400, "Request_BadRequest", "Invalid object identifier '" + id + "'.", req);
        }
        if (s < 0) {
            return notFound(id, req);
        }
        if (roleAssignable.contains(tenant.id(s)) && !permissions.has(bearer(req), Permissions.ROLE_MANAGEMENT)) {
            return denied(req); // a role-assignable group: only an app with RoleManagement.ReadWrite.Directory
        }
        JsonNode body;
        try {
            body = req.body == null || req.body.length == 0 ? null : Json.MAPPER.readTree(req.body);
        } catch (JacksonException e) {
            return error(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.", req);
        }
        if (body == null || !body.isObject()) {
            return error(400, "BadRequest", "Empty Payload. JSON content expected.", req);
        }
        JsonNode w = body.get("writebackConfiguration");
        if (w == null) {
            return Resp.empty(204); // other group properties are accepted and ignored by the simulator
        }
        if (w.isNull()) {
            return Resp.empty(204); // null complex value: nothing to change (inferred)
        }
        if (!w.isObject()) {
            return error(400, "BadRequest", "Invalid value for property 'writebackConfiguration'.", req);
        }
        JsonNode en = w.get("isEnabled");
        JsonNode type = w.get("onPremisesGroupType");
        if (en != null && !en.isNull() && !en.isBoolean()) {
            return error(400, "BadRequest",
                    "Cannot convert the literal '" + en.asString("") + "' to the expected type 'Edm.Boolean'.", req);
        }
        if (type != null && !type.isNull() && !type.isString()) {
            return error(400, "BadRequest", "Invalid value for property 'onPremisesGroupType'.", req);
        }
        int typeIdx = -1;
        if (type != null && !type.isNull()) {
            typeIdx = Tenant.typeIndex(type.asString());
            byte kind = tenant.kind(s);
            boolean ok = typeIdx > 0 && (kind == Tenant.UNIFIED || kind == Tenant.SECURITY && typeIdx == 2);
            if (!ok) {
                return error(400, "Request_BadRequest", "Invalid value specified for property 'onPremisesGroupType'"
                        + " of resource 'Group'.", req);
            }
        }
        if (tenant.kind(s) == Tenant.DISTRIBUTION && en != null && en.isBoolean() && en.booleanValue()) {
            return error(400, "Request_BadRequest",
                    "Writeback is only supported for Microsoft 365 groups and security groups.", req);
        }
        synchronized (tenant) {
            byte before = tenant.writeback(s);
            Boolean newEn = en == null || en.isNull() ? Tenant.enabledOf(before) : Boolean.valueOf(en.booleanValue()); // null ignored
            int newType = typeIdx > 0 ? typeIdx : (before >> 2) & 3; // null type ignored (msgraph-metadata#332)
            tenant.setWriteback(s, Tenant.pack(newEn, newType));
            advancedQueryIndex.recordWrite(s, before);
            count("writesApplied");
            audit.record(req.requestId, "PATCH", id, Audit.wbJson(before), Audit.wbJson(tenant.writeback(s)));
        }
        return Resp.empty(204);
    }

    // ================================================================== $batch

    private Resp batch(Req req) {
        count("batches");
        BatchFaults bf = batchFaults;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (bf.envelopeRate() > 0 && rnd.nextDouble() < bf.envelopeRate()) {
            Resp refused = bf.envelopeStatus() == 502 || bf.envelopeStatus() == 504
                    ? new Resp(bf.envelopeStatus(), new LinkedHashMap<>(), null, GatewayFault.page(bf.envelopeStatus()))
                            .header("Content-Type", "text/html")
                    : Resp.json(bf.envelopeStatus(), BatchAnswerFaults.envelopeError(bf.envelopeStatus(),
                            req.requestId, req.clientRequestId));
            return bf.envelopeRetryAfter() == null ? refused : refused.header("Retry-After", bf.envelopeRetryAfter());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(req.body);
        } catch (JacksonException e) {
            return error(400, "BadRequest", "Invalid batch payload format.", req);
        }
        JsonNode requests = root == null ? null : root.get("requests");
        if (requests == null || !requests.isArray()) {
            return error(400, "BadRequest", "Invalid batch payload format.", req);
        }
        if (requests.size() > 20) {
            return error(400, "BadRequest", "Too many requests in a batch. The limit is 20.", req);
        }
        if (requests.isEmpty()) {
            return error(400, "BadRequest", "Batch request must contain at least one request.", req);
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Set<String> lower = new HashSet<>();
        for (JsonNode r : requests) {
            JsonNode idNode = r.get("id");
            if (idNode == null || idNode.isNull() || idNode.asString("").isEmpty()) {
                return error(400, "BadRequest", "Request Id is required for each request in a batch.", req);
            }
            String id = idNode.asString();
            if (!lower.add(id.toLowerCase(Locale.ROOT))) {
                return error(400, "BadRequest", "Request Id " + id + " has to be unique in a batch.", req);
            }
            String method = r.path("method").asString("");
            String url = r.path("url").asString("");
            if (method.isEmpty() || url.isEmpty()) {
                return error(400, "BadRequest", "Method and url are required for request " + id + ".", req);
            }
            if (url.startsWith("http://") || url.startsWith("https://")) {
                return error(400, "BadRequest", "Batch request url must be relative: '" + url + "'.", req);
            }
            JsonNode b = r.get("body");
            if (b != null && !b.isNull() && headerOf(r, "content-type") == null) {
                return error(400, "BadRequest", "Content-Type header must be specified for request " + id
                        + " which has a body.", req);
            }
            byId.put(id, r);
        }
        for (JsonNode r : byId.values()) {
            for (JsonNode dep : r.path("dependsOn")) {
                if (!byId.containsKey(dep.asString())) {
                    return error(400, "BadRequest", "Dependency " + dep.asString() + " of request "
                            + r.get("id").asString() + " not found in the batch.", req);
                }
            }
        }
        Map<String, Integer> status = new HashMap<>();
        List<ObjectNode> out = new ArrayList<>();
        for (String id : byId.keySet()) {
            run(id, byId, status, out, req, new LinkedHashSet<>());
        }
        String gauge = BatchAnswerFaults.shape(out, bf);
        Collections.shuffle(out, rnd);
        if (bf.unansweredRate() > 0 && rnd.nextDouble() < bf.unansweredRate()) {
            holdUnanswered();
        }
        ObjectNode env = Json.MAPPER.createObjectNode();
        ArrayNode arr = env.putArray("responses");
        out.forEach(arr::add);
        Resp answer = Resp.json(200, env).header("Content-Type", "application/json");
        return gauge == null ? answer : answer.header(BatchAnswerFaults.GAUGE, gauge);
    }

    /** A batch that never answers: holds the connection until the simulator closes (or ten minutes pass). */
    private static void holdUnanswered() {
        try {
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String headerOf(JsonNode r, String name) {
        for (Map.Entry<String, JsonNode> e : r.path("headers").properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().asString();
            }
        }
        return null;
    }

    private void run(String id, Map<String, JsonNode> byId, Map<String, Integer> status, List<ObjectNode> out,
                     Req envelope, Set<String> visiting) {
        if (status.containsKey(id)) {
            return;
        }
        JsonNode r = byId.get(id);
        Req sub = null;
        Resp resp = null;
        if (!visiting.add(id)) {
            resp = error(424, "FailedDependency", "Circular dependency on request " + id + ".", envelope);
        } else {
            for (JsonNode dep : r.path("dependsOn")) {
                run(dep.asString(), byId, status, out, envelope, visiting);
                int ds = status.get(dep.asString());
                if (ds < 200 || ds > 299) {
                    resp = error(424, "FailedDependency", "The request failed because of a failed dependency ("
                            + dep.asString() + ").", envelope);
                    break;
                }
            }
        }
        if (resp == null) {
            count("batchSubRequests");
            String url = r.get("url").asString();
            if (!url.startsWith("/")) {
                url = "/" + url;
            }
            int qi = url.indexOf('?');
            // a step has only its own headers (json-batching): the envelope's apply to the envelope, bar its token
            Map<String, String> headers = new HashMap<>();
            if (envelope.header("authorization") != null) {
                headers.put("authorization", envelope.header("authorization"));
            }
            for (Map.Entry<String, JsonNode> e : r.path("headers").properties()) {
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asString());
            }
            JsonNode b = r.get("body");
            byte[] body = b == null || b.isNull() ? new byte[0]
                    : b.isString() ? Base64.getDecoder().decode(b.asString()) : Json.MAPPER.writeValueAsBytes(b);
            String subId = UUID.randomUUID().toString();
            sub = new Req(r.get("method").asString().toUpperCase(Locale.ROOT), qi < 0 ? url : url.substring(0, qi),
                    parseQuery(qi < 0 ? null : url.substring(qi + 1)), headers, body, subId,
                    envelope.clientRequestId, envelope.origin);
            resp = execute(sub, true);
        }
        status.put(id, resp.status);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id);
        o.put("status", resp.status);
        ObjectNode h = o.putObject("headers");
        h.put("Cache-Control", "no-cache");
        resp.headers.forEach(h::put);
        if (resp.json != null) {
            if (!resp.headers.containsKey("Content-Type")) {
                h.put("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");
            }
            o.set("body", resp.json);
        } else if (resp.text != null) {
            o.put("body", resp.text);
        }
        out.add(o);
    }

    // ================================================================== skiptoken

    record SkipToken(Tenant.Key after, boolean unifiedOnly, long issuedMillis) {
    }

    private String encodeToken(Tenant.Key after, boolean unifiedOnly) {
        String payload = "1|" + (unifiedOnly ? 1 : 0) + "|" + Long.toHexString(after.hi()) + "|"
                + Long.toHexString(after.lo()) + "|" + System.currentTimeMillis();
        byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        return "RFNwdA" + enc.encodeToString(p) + "." + enc.encodeToString(mac(p));
    }

    private SkipToken decodeToken(String token) {
        try {
            if (!token.startsWith("RFNwdA")) {
                return null;
            }
            int dot = token.indexOf('.');
            byte[] p = Base64.getUrlDecoder().decode(token.substring(6, dot));
            byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!java.security.MessageDigest.isEqual(sig, mac(p))) {
                return null;
            }
            String[] f = new String(p, StandardCharsets.US_ASCII).split("\\|");
            return new SkipToken(new Tenant.Key(Long.parseUnsignedLong(f[2], 16), Long.parseUnsignedLong(f[3], 16)),
                    f[1].equals("1"), Long.parseLong(f[4]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
            byte[] full = mac.doFinal(payload);
            return java.util.Arrays.copyOf(full, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================== settings access for Settings

    Resp settingsError(int status, String code, String message, Req req) {
        return error(status, code, message, req);
    }

    Resp settingNotFound(String id, Req req) {
        return notFound(id, req);
    }

    Audit auditLog() {
        return audit;
    }

    // ================================================================== admin

    private void handleAdmin(HttpExchange ex, String path, String rawQuery, byte[] body, String requestId,
                             String clientRequestId) throws IOException {
        Admin.handle(this, ex, path, parseQuery(rawQuery), body, requestId, clientRequestId);
    }

    void countAdmin(String name) {
        count(name);
    }

    /** Streams every live group as JSON lines (id, displayName, unified, isEnabled, onPremisesGroupType). */
    void streamState(OutputStream os) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        Tenant.Key after = null;
        while (true) {
            int[] page = tenant.page(after, 1000, false);
            for (int s : page) {
                byte packed = tenant.writeback(s);
                String type = Tenant.typeOf(packed);
                w.write("{\"id\":\"" + tenant.id(s) + "\",\"displayName\":"
                        + Json.MAPPER.writeValueAsString(tenant.displayName(s)) + ",\"unified\":" + tenant.unified(s)
                        + ",\"isEnabled\":" + Tenant.enabledOf(packed) + ",\"onPremisesGroupType\":"
                        + (type == null ? "null" : "\"" + type + "\"") + "}\n");
            }
            if (page.length < 1000) {
                break;
            }
            after = tenant.key(page[page.length - 1]);
        }
        w.flush();
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
