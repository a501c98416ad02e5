package io.writebackbatch.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated directory: groups and directory settings.
 *
 * <p>Groups are stored column-wise in primitive arrays (ids as two longs, writeback state packed in a byte,
 * names derived from a number) so that a million groups take a few tens of MB. Slots {@code [0, baseSize)} are
 * sorted by id (unsigned, i.e. the order of the GUID strings); groups created later are indexed by a skip list.
 * Listing pages merge both, so paging by id is stable while groups are created or deleted.
 */
public final class Tenant {

    static final String[] WB_TYPES = {null, "universalDistributionGroup", "universalSecurityGroup",
            "universalMailEnabledSecurityGroup"};
    static final byte UNIFIED = 0;
    static final byte SECURITY = 1;
    static final byte DISTRIBUTION = 2;
    private static final byte F_DELETED = 1;
    private static final byte F_SYNC = 2;
    private static final byte F_PRIVATE = 4;
    static final String DOMAIN = "contoso.onmicrosoft.com";

    private static final String[] PREFIXES = {"Team", "Project", "Finance", "Sales", "Engineering", "Marketing",
            "HR", "Operations", "Legal", "Support", "Research", "Community"};
    private static final String[] WORDS = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
            "India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra",
            "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu"};
    private static final long START_2016 = 1451606400L;
    private static final long END_2025 = 1767225599L;

    /** An id as two longs, ordered like the GUID string. */
    record Key(long hi, long lo) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }

        static Key parse(String id) {
            UUID u = UUID.fromString(id);
            return new Key(u.getMostSignificantBits(), u.getLeastSignificantBits());
        }

        @Override
        public String toString() {
            return new UUID(hi, lo).toString();
        }
    }

    /** A directory setting object (directorySetting). Guarded by the tenant lock. */
    static final class Setting {
        final String id;
        final String displayName;
        final String templateId;
        LinkedHashMap<String, String> values;

        Setting(String id, String displayName, String templateId, LinkedHashMap<String, String> values) {
            this.id = id;
            this.displayName = displayName;
            this.templateId = templateId;
            this.values = values;
        }
    }

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int size;
    private int baseSize;
    private long[] hi;
    private long[] lo;
    private int[] nameNo;
    private int[] created;
    private int[] members;
    private byte[] kind;
    private byte[] flags;
    private byte[] wb;
    private final Map<Integer, String> customNames = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Key, Integer> extra = new ConcurrentSkipListMap<>();
    private int liveUnified;
    private final List<Setting> settings = new ArrayList<>();
    private final SplittableRandom random;
    private Auditor auditor;

    private Tenant(int capacity, long seed) {
        hi = new long[capacity];
        lo = new long[capacity];
        nameNo = new int[capacity];
        created = new int[capacity];
        members = new int[capacity];
        kind = new byte[capacity];
        flags = new byte[capacity];
        wb = new byte[capacity];
        random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    void auditor(Auditor a) {
        this.auditor = a;
    }

    // ------------------------------------------------------------------ generation

    /** Generates a deterministic tenant. */
    static Tenant generate(long seed, int unified, int nonUnified, boolean withGroupUnifiedSetting) {
        int total = unified + nonUnified;
        Tenant t = new Tenant(Math.max(16, total + 16), seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < total; i++) {
            t.hi[i] = (r.nextLong() & ~0xF000L | 0x4000L) ^ Long.MIN_VALUE; // v4; flipped for unsigned sort
        }
        Arrays.sort(t.hi, 0, total);
        for (int i = 0; i < total; i++) {
            t.hi[i] ^= Long.MIN_VALUE;
            t.lo[i] = r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        }
        byte[] kinds = t.kind;
        for (int i = unified; i < total; i++) {
            kinds[i] = r.nextInt(3) == 0 ? DISTRIBUTION : SECURITY;
        }
        for (int i = total - 1; i > 0; i--) { // shuffle kinds over the id order
            int j = r.nextInt(i + 1);
            byte k = kinds[i];
            kinds[i] = kinds[j];
            kinds[j] = k;
        }
        int[] ordinal = new int[3];
        for (int i = 0; i < total; i++) {
            byte k = kinds[i];
            int n = ordinal[k]++;
            t.nameNo[i] = n;
            t.created[i] = (int) (START_2016 + r.nextLong(END_2025 - START_2016));
            t.members[i] = memberCount(r, n, k == UNIFIED);
            byte f = 0;
            if (r.nextInt(100) < 2) {
                f |= F_SYNC;
            }
            if (k == UNIFIED && r.nextInt(100) < 40) {
                f |= F_PRIVATE;
            }
            t.flags[i] = f;
            t.wb[i] = k == UNIFIED ? unifiedWriteback(r) : k == SECURITY ? securityWriteback(r) : 0;
        }
        t.size = total;
        t.baseSize = total;
        t.liveUnified = unified;
        if (withGroupUnifiedSetting) {
            t.settings.add(new Setting(new UUID(r.nextLong() & ~0xF000L | 0x4000L,
                    r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString(), "Group.Unified",
                    SettingTemplates.GROUP_UNIFIED_ID, SettingTemplates.defaults(SettingTemplates.GROUP_UNIFIED_ID)));
        }
        return t;
    }

    private static int memberCount(SplittableRandom r, int ordinal, boolean unified) {
        if (unified && ordinal % 4999 == 11) {
            return 250_001 + r.nextInt(350_000);
        }
        if (unified && ordinal % 997 == 5) {
            return 50_001 + r.nextInt(199_000);
        }
        int p = r.nextInt(1000);
        if (p < 900) {
            return r.nextInt(201);
        }
        if (p < 990) {
            return 200 + r.nextInt(4_800);
        }
        return 5_000 + r.nextInt(45_000);
    }

    private static byte unifiedWriteback(SplittableRandom r) {
        int p = r.nextInt(100);
        if (p < 50) return pack(null, 0);          // never touched: null / null
        if (p < 60) return pack(true, 0);          // enabled, type null (= universalDistributionGroup)
        if (p < 70) return pack(true, 1);
        if (p < 77) return pack(true, 2);
        if (p < 82) return pack(true, 3);
        if (p < 94) return pack(false, 0);
        if (p < 97) return pack(false, 1);
        return pack(null, 2);
    }

    private static byte securityWriteback(SplittableRandom r) {
        int p = r.nextInt(100);
        if (p < 80) return pack(null, 0);
        if (p < 90) return pack(true, 2);
        return pack(false, 0);
    }

    static byte pack(Boolean enabled, int type) {
        int e = enabled == null ? 0 : enabled ? 1 : 2;
        return (byte) (e | type << 2);
    }

    static Boolean enabledOf(byte packed) {
        int e = packed & 3;
        return e == 0 ? null : e == 1;
    }

    static String typeOf(byte packed) {
        return WB_TYPES[(packed >> 2) & 3];
    }

    static int typeIndex(String type) {
        for (int i = 1; i < WB_TYPES.length; i++) {
            if (WB_TYPES[i].equals(type)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ slot accessors (package)

    int slotOf(String id) {
        Key k;
        try {
            k = Key.parse(id);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return slotOf(k);
    }

    int slotOf(Key k) {
        lock.readLock().lock();
        try {
            int a = 0;
            int b = baseSize - 1;
            while (a <= b) {
                int m = (a + b) >>> 1;
                int c = Long.compareUnsigned(hi[m], k.hi);
                if (c == 0) {
                    c = Long.compareUnsigned(lo[m], k.lo);
                }
                if (c < 0) {
                    a = m + 1;
                } else if (c > 0) {
                    b = m - 1;
                } else {
                    return (flags[m] & F_DELETED) != 0 ? -1 : m;
                }
            }
            Integer s = extra.get(k);
            return s == null || (flags[s] & F_DELETED) != 0 ? -1 : s;
        } finally {
            lock.readLock().unlock();
        }
    }

    String id(int s) { return new UUID(hi[s], lo[s]).toString(); }
    Key key(int s) { return new Key(hi[s], lo[s]); }
    byte kind(int s) { return kind[s]; }
    boolean unified(int s) { return kind[s] == UNIFIED; }
    boolean sync(int s) { return (flags[s] & F_SYNC) != 0; }
    boolean isPrivate(int s) { return (flags[s] & F_PRIVATE) != 0; }
    int members(int s) { return members[s]; }
    long createdEpoch(int s) { return created[s] & 0xFFFFFFFFL; }
    byte writeback(int s) { return wb[s]; }

    String displayName(int s) {
        String custom = customNames.get(s);
        if (custom != null) {
            return custom;
        }
        int n = nameNo[s];
        String number = String.format(Locale.ROOT, "%04d", n + 1);
        return switch (kind[s]) {
            case UNIFIED -> PREFIXES[n % PREFIXES.length] + " " + WORDS[(n / PREFIXES.length) % WORDS.length] + " "
                    + number;
            case SECURITY -> "SG " + PREFIXES[n % PREFIXES.length] + " Access " + number;
            default -> "DL " + PREFIXES[n % PREFIXES.length] + " " + WORDS[(n / PREFIXES.length) % WORDS.length]
                    + " " + number;
        };
    }

    String mailNickname(int s) {
        String name = displayName(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        name = name.replaceAll("^-+|-+$", "");
        return customNames.containsKey(s) ? name + "-" + Long.toHexString(lo[s] & 0xFFFFF) : name;
    }

    String mail(int s) {
        return kind[s] == SECURITY ? null : mailNickname(s) + "@" + DOMAIN;
    }

    GroupView view(int s) {
        byte w = wb[s];
        return new GroupView(id(s), displayName(s), unified(s),
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(createdEpoch(s)), ZoneOffset.UTC), sync(s),
                members[s], mail(s), enabledOf(w), typeOf(w));
    }

    /** Up to {@code limit} live slots with id &gt; {@code after} (null = from the start), in id order. */
    int[] page(Key after, int limit, boolean unifiedOnly) {
        return page(after, limit, unifiedOnly, -1);
    }

    /** As {@link #page(Key, int, boolean)}, only groups created at or after {@code minCreatedEpoch} (-1: any). */
    int[] page(Key after, int limit, boolean unifiedOnly, long minCreatedEpoch) {
        lock.readLock().lock();
        try {
            int[] out = new int[limit];
            int n = 0;
            int i = 0;
            if (after != null) {
                int a = 0;
                int b = baseSize;
                while (a < b) { // first base slot > after
                    int m = (a + b) >>> 1;
                    int c = Long.compareUnsigned(hi[m], after.hi);
                    if (c == 0) {
                        c = Long.compareUnsigned(lo[m], after.lo);
                    }
                    if (c <= 0) {
                        a = m + 1;
                    } else {
                        b = m;
                    }
                }
                i = a;
            }
            Iterator<Map.Entry<Key, Integer>> ex = (after == null ? extra : extra.tailMap(after, false))
                    .entrySet().iterator();
            Map.Entry<Key, Integer> nextExtra = ex.hasNext() ? ex.next() : null;
            while (n < limit) {
                int slot;
                if (i < baseSize && (nextExtra == null || Long.compareUnsigned(hi[i], nextExtra.getKey().hi) < 0
                        || hi[i] == nextExtra.getKey().hi
                        && Long.compareUnsigned(lo[i], nextExtra.getKey().lo) < 0)) {
                    slot = i++;
                } else if (nextExtra != null) {
                    slot = nextExtra.getValue();
                    nextExtra = ex.hasNext() ? ex.next() : null;
                } else {
                    break;
                }
                if ((flags[slot] & F_DELETED) == 0 && (!unifiedOnly || kind[slot] == UNIFIED)
                        && createdEpoch(slot) >= minCreatedEpoch) {
                    out[n++] = slot;
                }
            }
            return n == limit ? out : Arrays.copyOf(out, n);
        } finally {
            lock.readLock().unlock();
        }
    }

    int liveUnifiedCount() {
        return liveUnified;
    }

    /** Live unified groups created at or after {@code minCreatedEpoch}. */
    int liveUnifiedCreatedSince(long minCreatedEpoch) {
        lock.readLock().lock();
        try {
            int n = 0;
            for (int s = 0; s < size; s++) {
                if ((flags[s] & F_DELETED) == 0 && kind[s] == UNIFIED && createdEpoch(s) >= minCreatedEpoch) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    int liveCount() {
        lock.readLock().lock();
        try {
            int n = 0;
            for (int s = 0; s < size; s++) {
                if ((flags[s] & F_DELETED) == 0) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ mutations (package)

    /** Sets the writeback state of a slot; returns the previous packed state. */
    byte setWriteback(int s, byte packed) {
        lock.writeLock().lock();
        try {
            byte before = wb[s];
            wb[s] = packed;
            return before;
        } finally {
            lock.writeLock().unlock();
        }
    }

    int create(String displayName, byte k, Boolean isEnabled) {
        lock.writeLock().lock();
        try {
            if (size == hi.length) {
                int cap = hi.length + Math.max(1024, hi.length / 8);
                hi = Arrays.copyOf(hi, cap);
                lo = Arrays.copyOf(lo, cap);
                nameNo = Arrays.copyOf(nameNo, cap);
                created = Arrays.copyOf(created, cap);
                members = Arrays.copyOf(members, cap);
                kind = Arrays.copyOf(kind, cap);
                flags = Arrays.copyOf(flags, cap);
                wb = Arrays.copyOf(wb, cap);
            }
            int s = size;
            hi[s] = random.nextLong() & ~0xF000L | 0x4000L;
            lo[s] = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
            nameNo[s] = -1;
            customNames.put(s, displayName);
            created[s] = (int) Instant.now().getEpochSecond();
            members[s] = 1;
            kind[s] = k;
            flags[s] = 0;
            wb[s] = pack(isEnabled, 0);
            extra.put(new Key(hi[s], lo[s]), s);
            size++;
            if (k == UNIFIED) {
                liveUnified++;
            }
            return s;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean delete(int s) {
        lock.writeLock().lock();
        try {
            if ((flags[s] & F_DELETED) != 0) {
                return false;
            }
            flags[s] |= F_DELETED;
            if (kind[s] == UNIFIED) {
                liveUnified--;
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A random live unified slot, or -1. */
    int randomLiveUnified() {
        lock.readLock().lock();
        try {
            if (liveUnified == 0) {
                return -1;
            }
            for (int attempt = 0; attempt < 1000; attempt++) {
                int s;
                synchronized (random) {
                    s = random.nextInt(size);
                }
                if (kind[s] == UNIFIED && (flags[s] & F_DELETED) == 0) {
                    return s;
                }
            }
            return -1;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Default isEnabled of a new Microsoft 365 group: false if NewUnifiedGroupWritebackDefault is "false". */
    Boolean newUnifiedGroupWritebackDefault() {
        lock.readLock().lock();
        try {
            for (Setting st : settings) {
                if (SettingTemplates.GROUP_UNIFIED_ID.equals(st.templateId)) {
                    String v = st.values.get("NewUnifiedGroupWritebackDefault");
                    return v != null && v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                }
            }
            return null;
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Setting> settings() {
        return settings;
    }

    // ------------------------------------------------------------------ public API

    /** The group with that id, if it exists (deleted groups do not). */
    public Optional<GroupView> group(String id) {
        int s = slotOf(id);
        return s < 0 ? Optional.empty() : Optional.of(view(s));
    }

    /** A snapshot of all live unified groups, in id order. */
    public List<GroupView> unifiedGroups() {
        List<GroupView> out = new ArrayList<>();
        Key after = null;
        while (true) {
            int[] page = page(after, 1000, true);
            for (int s : page) {
                out.add(view(s));
            }
            if (page.length < 1000) {
                return out;
            }
            after = key(page[page.length - 1]);
        }
    }

    /** Number of live unified groups. */
    public int unifiedGroupCount() {
        return liveUnified;
    }

    /** Deletes a group (as if someone else did); false if it did not exist. Audited as ADMIN-DELETE. */
    public boolean deleteGroup(String id) {
        int s = slotOf(id);
        if (s < 0 || !delete(s)) {
            return false;
        }
        audit("ADMIN-DELETE", id, Audit.wbJson(wb[s]), null);
        return true;
    }

    /** Creates a Microsoft 365 group as the portal would (writeback per NewUnifiedGroupWritebackDefault). */
    public GroupView createUnifiedGroup(String displayName) {
        int s = create(displayName, UNIFIED, newUnifiedGroupWritebackDefault());
        audit("ADMIN-CREATE", id(s), null, Audit.wbJson(wb[s]));
        return view(s);
    }

    /** Test setup: sets a group's writeback state directly. Audited as ADMIN-SET. */
    public void setWriteback(String id, Boolean isEnabled, String type) {
        int s = slotOf(id);
        if (s < 0) {
            throw new IllegalArgumentException("no group " + id);
        }
        int t = type == null ? 0 : typeIndex(type);
        if (t < 0) {
            throw new IllegalArgumentException("bad onPremisesGroupType " + type);
        }
        byte before = setWriteback(s, pack(isEnabled, t));
        audit("ADMIN-SET", id, Audit.wbJson(before), Audit.wbJson(wb[s]));
    }

    /** The values of the Group.Unified directory setting, if the tenant has one. */
    public Optional<Map<String, String>> groupUnifiedSetting() {
        lock.readLock().lock();
        try {
            return settings.stream().filter(st -> SettingTemplates.GROUP_UNIFIED_ID.equals(st.templateId))
                    .findFirst().map(st -> Map.copyOf(st.values));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Test setup: creates, replaces (values non-null) or removes (values null) the Group.Unified setting. */
    public void groupUnifiedSetting(Map<String, String> values) {
        lock.writeLock().lock();
        try {
            Setting existing = settings.stream()
                    .filter(st -> SettingTemplates.GROUP_UNIFIED_ID.equals(st.templateId)).findFirst().orElse(null);
            String before = existing == null ? null : Audit.valuesJson(existing.values);
            if (values == null) {
                if (existing != null) {
                    settings.remove(existing);
                    audit("ADMIN-DELETE", existing.id, before, null);
                }
                return;
            }
            LinkedHashMap<String, String> v = SettingTemplates.defaults(SettingTemplates.GROUP_UNIFIED_ID);
            v.putAll(values);
            if (existing == null) {
                existing = new Setting(UUID.randomUUID().toString(), "Group.Unified", SettingTemplates.GROUP_UNIFIED_ID,
                        v);
                settings.add(existing);
            } else {
                existing.values = v;
            }
            audit("ADMIN-SET", existing.id, before, Audit.valuesJson(v));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void audit(String method, String target, String before, String after) {
        if (auditor != null) {
            auditor.record("admin", method, target, before, after);
        }
    }

    // ------------------------------------------------------------------ persistence

    /** Writes the whole tenant as JSON lines: a header line, then one line per live group. */
    void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeTo(w);
        }
    }

    void writeTo(Writer w) throws IOException {
        lock.readLock().lock();
        try {
            ObjectNode header = Json.MAPPER.createObjectNode();
            header.put("format", "graph-simulator-tenant/1");
            ArrayNode st = header.putArray("settings");
            for (Setting s : settings) {
                ObjectNode o = st.addObject();
                o.put("id", s.id);
                o.put("displayName", s.displayName);
                o.put("templateId", s.templateId);
                ObjectNode vals = o.putObject("values");
                s.values.forEach(vals::put);
            }
            w.write(Json.MAPPER.writeValueAsString(header));
            w.write('\n');
            StringBuilder sb = new StringBuilder(256);
            for (int s = 0; s < size; s++) {
                if ((flags[s] & F_DELETED) != 0) {
                    continue;
                }
                sb.setLength(0);
                sb.append("{\"id\":\"").append(id(s)).append("\",\"kind\":").append(kind[s]);
                String custom = customNames.get(s);
                if (custom != null) {
                    sb.append(",\"displayName\":").append(Json.MAPPER.writeValueAsString(custom));
                } else {
                    sb.append(",\"n\":").append(nameNo[s]);
                }
                sb.append(",\"created\":").append(createdEpoch(s)).append(",\"members\":").append(members[s])
                        .append(",\"flags\":").append(flags[s]).append(",\"wb\":").append(wb[s]).append("}\n");
                w.write(sb.toString());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Loads a tenant written by {@link #save(Path)}. */
    static Tenant load(Path file, long seed) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        JsonNode header;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = Json.MAPPER.readTree(r.readLine());
            if (!"graph-simulator-tenant/1".equals(header.path("format").asString(""))) {
                throw new IOException("not a simulator tenant file: " + file);
            }
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(Json.MAPPER.readTree(line));
                }
            }
        }
        int n = rows.size();
        Key[] keys = new Key[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Key.parse(rows.get(i).get("id").asString());
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        Tenant t = new Tenant(Math.max(16, n + 16), seed);
        int unified = 0;
        for (int s = 0; s < n; s++) {
            JsonNode row = rows.get(order[s]);
            Key k = keys[order[s]];
            t.hi[s] = k.hi;
            t.lo[s] = k.lo;
            t.kind[s] = (byte) row.get("kind").asInt();
            if (row.has("displayName")) {
                t.nameNo[s] = -1;
                t.customNames.put(s, row.get("displayName").asString());
            } else {
                t.nameNo[s] = row.get("n").asInt();
            }
            t.created[s] = (int) row.get("created").asLong();
            t.members[s] = row.get("members").asInt();
            t.flags[s] = (byte) row.get("flags").asInt();
            t.wb[s] = (byte) row.get("wb").asInt();
            if (t.kind[s] == UNIFIED) {
                unified++;
            }
        }
        t.size = n;
        t.baseSize = n;
        t.liveUnified = unified;
        for (JsonNode st : header.path("settings")) {
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : st.path("values").properties()) {
                values.put(e.getKey(), e.getValue().asString());
            }
            t.settings.add(new Setting(st.get("id").asString(), st.get("displayName").asString(),
                    st.get("templateId").asString(), values));
        }
        return t;
    }

    /** Interface to the audit log (set by the simulator). */
    interface Auditor {
        void record(String requestId, String method, String target, String before, String after);
    }
}
