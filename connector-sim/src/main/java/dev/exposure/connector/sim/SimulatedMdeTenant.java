package dev.exposure.connector.sim;

import dev.exposure.connector.sim.SimServer.Call;
import dev.exposure.connector.sim.SimServer.Style;
import dev.exposure.connector.sim.TokenService.Check;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A simulated Microsoft Defender for Endpoint tenant: an in-process HTTPS server on 127.0.0.1
 * (dynamic port, the {@link SimTls} localhost certificate) that speaks the Entra ID v2.0 token endpoint
 * and the MDE API as {@code api-facts-mde.md} records it:
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: client credentials; checks tenant, client id,
 *       secret and scope; issues opaque tokens with a configurable {@code expires_in}; Entra ID
 *       errors (AADSTS90002, 700016, 7000215, 7000218, 1002012, 500011).</li>
 *   <li>{@code GET /api/machines}: {@code $top} (at most 10,000; no nextLink), {@code $skip},
 *       nextLink with {@code $skip} when there is no {@code $top}, a {@code $filter} subset
 *       ({@code field eq 'value'} joined with {@code and}, and {@code startswith(computerDnsName,'x')});
 *       404 when the tenant has no machines, as the docs say.</li>
 *   <li>{@code GET /api/machines/SoftwareVulnerabilitiesByMachine}: {@code pageSize} (default
 *       50,000, at most 200,000), {@code $top} (no nextLink), nextLink with lower-case
 *       {@code pagesize} and an opaque {@code $skiptoken}; camelCase rows, zone-less timestamps.</li>
 *   <li>{@code GET /api/machines/SoftwareVulnerabilityChangesByMachine}: {@code sinceTime}
 *       required and at most 14 days back (else 400), rows with {@code status} and
 *       {@code eventTimestamp}.</li>
 *   <li>{@code GET /api/machines/SoftwareVulnerabilitiesExport}: {@code exportFiles} (SAS-style
 *       links on this server with {@code se} and {@code sig}) and {@code generatedTime}; the links
 *       serve gzip JSON lines with PascalCase keys and answer an Azure Storage 403
 *       {@code AuthenticationFailed} XML once expired.</li>
 * </ul>
 * Every API call needs a valid bearer token (401 {@code Unauthorized} in the MDE error envelope
 * {@code {"error":{"code","message","target"}}} otherwise); {@code /api/v1.0/...} is accepted too.
 *
 * <h2>Data</h2>
 * Generated from the seed and sizes, row by row, never materialized. The identity of a finding is
 * (deviceId, softwareVendor, softwareName, softwareVersion, cveId), which is also what the JSON
 * rows' {@code id} encodes: two raw rows are duplicates exactly when these five are equal (the rows
 * are then byte-identical). {@link #expectedRawFindingRows()} counts every row the full export
 * serves, duplicates included; {@link #expectedDistinctFindings()} the identities. File export rows
 * carry no {@code Id}: identify them by the five fields. Delta rows: {@code New} and
 * {@code Updated} rows are findings of the current snapshot ({@code Updated} with a CVSS score one
 * tenth higher); {@code Fixed} rows are the previous version of a current finding (patch component
 * 0, a version the current snapshot never has). All delta rows share one {@code eventTimestamp}:
 * the snapshot time, on a 6-hour boundary. Any valid {@code sinceTime} at or before it returns
 * them all.
 *
 * <pre>{@code
 * try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(7).machines(10_000)
 *         .vulnerabilitiesPerMachine(200).duplicateShare(0.01).build().start()) {
 *     ... point a connector at t.baseUrl() ...
 *     assertThat(delivered).isEqualTo(t.expectedDistinctFindings());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class SimulatedMdeTenant extends SimulatedTenant {
    /** The default MDE token scope. */
    public static final String DEFAULT_SCOPE = "https://api.securitycenter.microsoft.com/.default";
    /** The largest machines page. */
    public static final int MAX_MACHINES_PAGE = 10_000;
    /** The default vulnerability page size. */
    public static final int DEFAULT_PAGE_SIZE = 50_000;
    /** The largest vulnerability page size. */
    public static final int MAX_PAGE_SIZE = 200_000;

    /** The status of a delta row. */
    public enum DeltaStatus {
        /** Newly introduced on the device. */
        NEW,
        /** Changed score, exploitability, severity, paths or recommended update. */
        UPDATED,
        /** No longer present. */
        FIXED
    }

    private static final String JSON_ODATA = "application/json; odata.metadata=minimal; odata.streaming=true;"
            + " charset=utf-8";
    private static final Pattern TOKEN_PATH = Pattern.compile("^/[^/]+/oauth2/v2\\.0/token/?$");
    private static final Pattern BLOB_PATH = Pattern.compile("^/tvm-export/(\\d+)/.*part-(\\d+)\\.json\\.gz$");
    private static final Pattern EQ = Pattern.compile("^(\\w+)\\s+eq\\s+(?:'([^']*)'|(-?\\d+))$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STARTS = Pattern.compile("^startswith\\(\\s*(\\w+)\\s*,\\s*'([^']*)'\\s*\\)$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> FILTERABLE = Set.of("id", "computerdnsname", "osplatform", "healthstatus",
            "onboardingstatus", "riskscore", "exposurelevel", "devicevalue", "rbacgroupid", "lastipaddress");
    private static final DateTimeFormatter TIME_PATH = DateTimeFormatter.ofPattern("yyyy-MM-dd/HHmm/")
            .withZone(ZoneOffset.UTC);

    private final Builder b;
    private final MdeData data;
    private final Router router = new Router();
    private final Set<String> expiredBlobs = ConcurrentHashMap.newKeySet();
    private final Map<Endpoint, java.util.ArrayDeque<Long>> accepted = new ConcurrentHashMap<>();

    private SimulatedMdeTenant(Builder b) {
        super("mde", b.seed, 1, b.tenantId, b.clientId, b.clientSecret, b.scopes, b.tokenLifetime);
        this.b = b;
        Instant snap = b.snapshotTime != null ? b.snapshotTime
                : Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Instant.now().atZone(ZoneOffset.UTC).getHour() % 6,
                        ChronoUnit.HOURS);
        this.data = new MdeData(b.seed, b.machines, b.perMachine, b.severity, b.nonCvePpm, b.noCvePpm, b.dupPpm,
                b.driftPpm, b.nullPpm, b.changePpm, b.statuses, b.filePartRows, snap);
    }

    /** @return a builder with small defaults (10 machines, 5 vulnerabilities each) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server (idempotent).
     *
     * @return this tenant
     */
    public SimulatedMdeTenant start() {
        server.start();
        return this;
    }

    /** Un-expires blob links and clears the rate-limit windows. */
    @Override
    void resetLimits() {
        expiredBlobs.clear();
        accepted.clear();
    }

    @Override
    Endpoint classify(String method, String path) {
        return router.classify(method, path);
    }

    @Override
    void handle(Call call) throws IOException {
        router.handle(call);
    }

    // ------------------------------------------------------------------ expected counts

    /** @return machines in the tenant */
    public int expectedMachines() {
        return data.machines;
    }

    /**
     * @param filter an OData filter in the supported subset
     * @return machines that match it
     */
    public int expectedMachines(String filter) {
        Predicate<MdeData.Machine> p = parseFilter(filter);
        int n = 0;
        for (int m = 0; m < data.machines; m++) {
            if (p.test(data.machine(m))) {
                n++;
            }
        }
        return n;
    }

    /** @return rows the full JSON export (and the file export) serve, duplicates included */
    public long expectedRawFindingRows() {
        return data.raw;
    }

    /** @return distinct findings (identities), = machines x vulnerabilities per machine */
    public long expectedDistinctFindings() {
        return data.distinct;
    }

    /** @return duplicate rows in the raw export ({@code raw - distinct}) */
    public long expectedDuplicateRows() {
        return data.raw - data.distinct;
    }

    /** @return distinct findings by severity: Critical, High, Medium, Low, and None (no CVE) */
    public Map<String, Long> expectedDistinctFindingsBySeverity() {
        return data.severityCounts();
    }

    /** @return distinct findings whose id is not a CVE ({@code TVM-...}) */
    public long expectedNonCveFindings() {
        return data.distinctCounts()[5];
    }

    /** @return distinct rows with a null {@code cveId} (software inventory, no vulnerability) */
    public long expectedInventoryRows() {
        return data.distinctCounts()[6];
    }

    /** @return rows the delta endpoint serves for any valid {@code sinceTime} */
    public long expectedDeltaRows() {
        return data.deltaRows;
    }

    /**
     * @param status a delta status
     * @return delta rows with that status
     */
    public long expectedDeltaRows(DeltaStatus status) {
        return data.deltaRows(status.ordinal());
    }

    /** @return files in {@code exportFiles} */
    public int expectedExportFiles() {
        return data.files();
    }

    /**
     * @param pageSize the {@code pageSize} asked for
     * @return pages (requests) the full JSON export needs
     */
    public long expectedFindingPages(int pageSize) {
        return Math.max(1, (data.raw + pageSize - 1) / pageSize);
    }

    /** @return machine pages (requests) a nextLink walk needs */
    public long expectedMachinePages() {
        return Math.max(1, ((long) data.machines + b.machinesPageSize - 1) / b.machinesPageSize);
    }

    /** @return the snapshot time (generatedTime, eventTimestamp of delta rows) */
    public Instant snapshotTime() {
        return data.snapshot;
    }

    @Override
    public String toString() {
        return "SimulatedMdeTenant[" + (server.started() ? server.baseUrl() : "not started") + ", machines="
                + data.machines + ", distinctFindings=" + data.distinct + ", rawRows=" + data.raw + "]";
    }

    // ------------------------------------------------------------------ serving

    private final class Router implements SimServer.Router {
        @Override
        public Endpoint classify(String method, String path) {
            String p = apiPath(path).toLowerCase(Locale.ROOT);
            if (TOKEN_PATH.matcher(path).matches()) {
                return Endpoint.TOKEN;
            }
            switch (p) {
                case "/api/machines": return Endpoint.MACHINES;
                case "/api/machines/softwarevulnerabilitiesbymachine": return Endpoint.VULNERABILITIES;
                case "/api/machines/softwarevulnerabilitychangesbymachine": return Endpoint.VULNERABILITY_CHANGES;
                case "/api/machines/softwarevulnerabilitiesexport": return Endpoint.FILE_EXPORT;
                default: return p.startsWith("/tvm-export/") ? Endpoint.BLOB : Endpoint.OTHER;
            }
        }

        @Override
        public void handle(Call c) throws IOException {
            switch (c.endpoint) {
                case TOKEN:
                    if (!server.applyResponseFault(c, c.fault(0), Style.ENTRA, tokens)) {
                        tokens.handle(c);
                    }
                    return;
                case BLOB:
                    blob(c);
                    return;
                case OTHER:
                    server.error(c, Style.MDE, 404, "ResourceNotFound", "Resource " + c.path + " was not found.");
                    return;
                default:
                    break;
            }
            if (!"GET".equals(c.method())) {
                server.error(c, Style.MDE, 405, "MethodNotAllowed", "The requested resource does not support "
                        + c.method() + ".");
                return;
            }
            Check check = tokens.check(c.header("Authorization"));
            if (check != Check.VALID) {
                server.error(c, Style.MDE, 401, "Unauthorized", check == Check.MISSING
                        ? "Authorization header is missing." : "Invalid Authorization payload.");
                return;
            }
            if (b.enforceRateLimits && !withinRateLimits(c)) {
                return;
            }
            switch (c.endpoint) {
                case MACHINES: machines(c); return;
                case VULNERABILITIES: vulnerabilities(c, false); return;
                case VULNERABILITY_CHANGES: vulnerabilities(c, true); return;
                default: fileExport(c);
            }
        }
    }

    /** Microsoft's documented limits per family: calls per minute and per hour. */
    private static int[] limits(Endpoint e) {
        switch (e) {
            case MACHINES: return new int[] {100, 1500};
            case FILE_EXPORT: return new int[] {5, 20};
            default: return new int[] {30, 1000};
        }
    }

    /** @return true when the call is within the documented limits; else the 429 was sent */
    private boolean withinRateLimits(Call c) throws IOException {
        long now = server.now().toEpochMilli();
        int[] lim = limits(c.endpoint);
        long retryAt;
        java.util.ArrayDeque<Long> q = accepted.computeIfAbsent(c.endpoint, e -> new java.util.ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() <= now - 3_600_000L) {
                q.pollFirst();
            }
            int lastMinute = 0;
            Long oldestInMinute = null;
            for (java.util.Iterator<Long> it = q.descendingIterator(); it.hasNext(); ) {
                long at = it.next();
                if (at <= now - 60_000L) {
                    break;
                }
                lastMinute++;
                oldestInMinute = at;
            }
            if (lastMinute < lim[0] && q.size() < lim[1]) {
                q.addLast(now);
                return true;
            }
            retryAt = lastMinute >= lim[0] && oldestInMinute != null ? oldestInMinute + 60_000L
                    : q.peekFirst() + 3_600_000L;
        }
        long secs = Math.max(1, (retryAt - now + 999) / 1000);
        c.header("Retry-After", Long.toString(secs));
        server.error(c, Style.MDE, 429, "TooManyRequests", "API call has been throttled: more than " + lim[0]
                + " calls per minute or " + lim[1] + " per hour. Retry after " + secs + " seconds.");
        return false;
    }

    private static String apiPath(String path) {
        return path.regionMatches(true, 0, "/api/v1.0/", 0, 10) ? "/api/" + path.substring(10) : path;
    }

    private @Nullable Integer intParam(Call c, String name, int min, int max) throws IOException {
        String v = c.param(name);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        server.error(c, Style.MDE, 400, "InvalidInput", "Invalid value '" + v + "' for " + name
                + ": expected an integer between " + min + " and " + max + ".");
        return Integer.MIN_VALUE;
    }

    private void machines(Call c) throws IOException {
        Integer top = intParam(c, "$top", 1, MAX_MACHINES_PAGE);
        Integer skip = intParam(c, "$skip", 0, Integer.MAX_VALUE);
        if ((top != null && top == Integer.MIN_VALUE) || (skip != null && skip == Integer.MIN_VALUE)) {
            return;
        }
        String filter = c.param("$filter");
        Predicate<MdeData.Machine> p;
        try {
            p = filter == null ? null : parseFilter(filter);
        } catch (IllegalArgumentException e) {
            server.error(c, Style.MDE, 400, "ODataError", e.getMessage());
            return;
        }
        int from = skip == null ? 0 : skip;
        int size = top != null ? top : b.machinesPageSize;
        Fault f = c.fault(from / size + 1);
        if (server.applyResponseFault(c, f, Style.MDE, tokens)) {
            return;
        }
        if (data.machines == 0 && b.emptyMachines404) {
            server.error(c, Style.MDE, 404, "ResourceNotFound", "No machines found.");
            return;
        }
        int total = p == null ? data.machines : expectedMachines(filter);
        int start = from;
        if (f != null && f.kind() == Fault.Kind.REPEAT_PAGE) {
            start = Math.max(0, from - size);
        }
        int count = Math.max(0, Math.min(total - start, size));
        String next = null;
        if (top == null && from + size < total) {
            next = baseUrl() + c.path + "?" + (filter == null ? "" : "$filter=" + enc(filter) + "&") + "$skip="
                    + (from + size);
        }
        if (f != null && f.kind() == Fault.Kind.MANGLED_FILTER_NEXT_LINK && filter != null && next != null) {
            next = baseUrl() + c.path + "?=" + enc(filter) + "&=" + size + "&$skip=" + (from + size);
        }
        next = linkFault(c, f, next);
        Predicate<MdeData.Machine> pf = p;
        int first = p == null ? start : indexOfMatch(p, start);
        Paging.stream(c, JSON_ODATA, "{\"@odata.context\":\"" + baseUrl() + "/api/$metadata#Machines\",\"value\":[",
                count, () -> {
                    int[] cursor = {first};
                    return s -> {
                        data.writeMachine(s, cursor[0]);
                        cursor[0] = pf == null ? cursor[0] + 1 : nextMatch(pf, cursor[0] + 1);
                    };
                }, "]" + (next == null ? "" : ",\"@odata.nextLink\":" + MiniJson.quote(next)) + "}", f);
    }

    private int indexOfMatch(Predicate<MdeData.Machine> p, int nth) {
        int seen = 0;
        for (int m = 0; m < data.machines; m++) {
            if (p.test(data.machine(m))) {
                if (seen++ == nth) {
                    return m;
                }
            }
        }
        return data.machines;
    }

    private int nextMatch(Predicate<MdeData.Machine> p, int from) {
        for (int m = from; m < data.machines; m++) {
            if (p.test(data.machine(m))) {
                return m;
            }
        }
        return data.machines;
    }

    private @Nullable String linkFault(Call c, @Nullable Fault f, @Nullable String next) {
        if (f == null) {
            return next;
        }
        if (f.kind() == Fault.Kind.NEXT_LINK_LOOP) {
            return c.requestUrl();
        }
        if (f.kind() == Fault.Kind.FOREIGN_NEXT_LINK && f.foreignBase() != null) {
            String link = next != null ? next : c.requestUrl();
            URI u = URI.create(link);
            String base = f.foreignBase().toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + u.getRawPath()
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        return next;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Predicate<MdeData.Machine> parseFilter(String filter) {
        Predicate<MdeData.Machine> all = m -> true;
        for (String clause : filter.trim().split("(?i)\\s+and\\s+")) {
            String cl = clause.trim();
            Matcher eq = EQ.matcher(cl);
            Matcher st = STARTS.matcher(cl);
            if (eq.matches()) {
                String field = eq.group(1);
                checkField(field);
                String value = eq.group(2) != null ? eq.group(2) : eq.group(3);
                all = all.and(m -> value.equalsIgnoreCase(m.attribute(field)));
            } else if (st.matches()) {
                String field = st.group(1);
                checkField(field);
                String prefix = st.group(2).toLowerCase(Locale.ROOT);
                all = all.and(m -> {
                    String v = m.attribute(field);
                    return v != null && v.toLowerCase(Locale.ROOT).startsWith(prefix);
                });
            } else {
                throw new IllegalArgumentException("Invalid filter clause '" + cl + "': the simulator supports"
                        + " \"field eq 'value'\", \"field eq 123\" and \"startswith(field,'x')\" joined with 'and'.");
            }
        }
        return all;
    }

    private static void checkField(String field) {
        if (!FILTERABLE.contains(field.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Invalid filter: property '" + field + "' is not filterable; use one of "
                    + FILTERABLE);
        }
    }

    private String timePath() {
        return TIME_PATH.format(data.snapshot);
    }

    private void vulnerabilities(Call c, boolean delta) throws IOException {
        Integer ps = intParam(c, "pageSize", 1, MAX_PAGE_SIZE);
        Integer top = intParam(c, "$top", 1, Integer.MAX_VALUE);
        if ((ps != null && ps == Integer.MIN_VALUE) || (top != null && top == Integer.MIN_VALUE)) {
            return;
        }
        int pageSize = ps == null ? DEFAULT_PAGE_SIZE : ps;
        long total = data.raw;
        String since = null;
        if (delta) {
            since = c.param("sinceTime");
            if (since == null || since.isBlank()) {
                server.error(c, Style.MDE, 400, "MissingRequiredParameter", "sinceTime is required.");
                return;
            }
            Instant t;
            try {
                t = OffsetDateTime.parse(since.trim()).toInstant();
            } catch (DateTimeParseException e) {
                server.error(c, Style.MDE, 400, "InvalidInput", "sinceTime '" + since
                        + "' is not an ISO-8601 date and time.");
                return;
            }
            if (t.isBefore(server.now().minus(Duration.ofDays(14)))) {
                server.error(c, Style.MDE, 400, "InvalidInput", "sinceTime must be within the last 14 days.");
                return;
            }
            Instant window = Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), 21600));
            total = window.isAfter(data.snapshot) ? 0 : data.deltaRows;
        }
        long offset = 0;
        String skip = c.param("$skiptoken");
        String prefix = (delta ? "delta/" : "") + timePath();
        if (skip != null) {
            long at = decodeSkip(skip, prefix);
            if (at < 0) {
                server.error(c, Style.MDE, 400, "InvalidInput", "The $skiptoken is not valid for this export.");
                return;
            }
            offset = at;
        }
        Fault f = c.fault((int) (offset / pageSize) + 1);
        if (server.applyResponseFault(c, f, Style.MDE, tokens)) {
            return;
        }
        long start = offset;
        if (f != null && f.kind() == Fault.Kind.REPEAT_PAGE) {
            start = Math.max(0, offset - pageSize);
        }
        long count = top != null ? Math.min(top, total) : Math.max(0, Math.min(pageSize, total - start));
        String next = null;
        if (top == null && offset + pageSize < total) {
            next = baseUrl() + c.path + "?" + (delta ? "sincetime=" + enc(since) + "&" : "") + "pagesize=" + pageSize
                    + "&$skiptoken=" + skipToken(prefix, offset + pageSize);
        }
        next = linkFault(c, f, next);
        String ctx = baseUrl() + "/api/$metadata#Collection(microsoft.windowsDefenderATP.api."
                + (delta ? "DeltaAssetVulnerability" : "AssetVulnerability") + ")";
        String suffix = "]" + (next == null ? "" : ",\"@odata.nextLink\":" + MiniJson.quote(next)) + "}";
        if (delta) {
            long first = start;
            Paging.stream(c, JSON_ODATA, "{\"@odata.context\":\"" + ctx + "\",\"value\":[", count, () -> {
                long[] j = {first};
                return s -> {
                    long row = j[0]++;
                    data.writeFinding(s, data.deltaFinding(row), MdeData.Keys.CAMEL, data.deltaStatus(row));
                };
            }, suffix, f);
        } else {
            long first = start;
            Paging.stream(c, JSON_ODATA, "{\"@odata.context\":\"" + ctx + "\",\"value\":[", count, () -> {
                MdeData.Cursor cur = data.new Cursor(first);
                return s -> data.writeFinding(s, cur.next(), MdeData.Keys.CAMEL, -1);
            }, suffix, f);
        }
    }

    private static String skipToken(String timePath, long at) {
        return Paging.encodeToken("{\"ExportDefinition\":{\"TimePath\":\"" + timePath + "\"},\"ExportFileIndex\":0,"
                + "\"LineStoppedAt\":" + at + "}");
    }

    private static long decodeSkip(String token, String timePath) {
        String json = Paging.decodeToken(token);
        if (json == null) {
            return -1;
        }
        try {
            Object o = MiniJson.parse(json);
            if (o instanceof Map<?, ?> m && m.get("ExportDefinition") instanceof Map<?, ?> d
                    && timePath.equals(d.get("TimePath")) && m.get("LineStoppedAt") instanceof Long at && at >= 0) {
                return at;
            }
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return -1;
    }

    private void fileExport(Call c) throws IOException {
        Integer hours = intParam(c, "sasValidHours", 1, 6);
        if (hours != null && hours == Integer.MIN_VALUE) {
            return;
        }
        Fault f = c.fault((int) c.number);
        if (server.applyResponseFault(c, f, Style.MDE, tokens)) {
            return;
        }
        Duration validity = b.sasValidity != null ? b.sasValidity : Duration.ofHours(hours == null ? 1 : hours);
        Instant st = server.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
        Instant se = server.now().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder json = new StringBuilder("{\"@odata.context\":\"" + baseUrl()
                + "/api/$metadata#microsoft.windowsDefenderATP.api.ExportFilesResponse\",\"exportFiles\":[");
        int files = data.files();
        for (int p = 0; p < files; p++) {
            String path = "/tvm-export/" + c.number + "/" + timePath() + "OrgId=" + tenantId() + "/_RbacGroupId=0/part-"
                    + String.format("%05d", p) + ".json.gz";
            String seText = DateTimeFormatter.ISO_INSTANT.format(se);
            String url = baseUrl() + path + "?sv=2020-08-04&st=" + enc(DateTimeFormatter.ISO_INSTANT.format(st))
                    + "&se=" + enc(seText) + "&sr=b&sp=r&sig=" + sign(path, seText);
            json.append(p == 0 ? "" : ",").append(MiniJson.quote(url));
        }
        json.append("],\"generatedTime\":\"").append(DateTimeFormatter.ISO_INSTANT.format(data.snapshot)).append("\"}");
        Paging.json(c, json.toString(), f);
    }

    private String sign(String path, String se) {
        long h1 = Mix.h(b.seed, (path + "|" + se).hashCode(), 4242);
        long h2 = Mix.h(h1, path.length() * 31L + se.length(), 4243);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.nio.ByteBuffer.allocate(16).putLong(h1).putLong(h2).array());
    }

    private void blob(Call c) throws IOException {
        Matcher m = BLOB_PATH.matcher(c.path);
        if (!m.matches() || !"GET".equals(c.method())) {
            server.blobError(c, 404, "BlobNotFound", "The specified blob does not exist.", null);
            return;
        }
        int part = Integer.parseInt(m.group(2));
        Fault f = c.fault(part + 1);
        String se = c.param("se");
        String sig = c.param("sig");
        if (se == null || sig == null || !sig.equals(sign(c.path, se))) {
            server.blobError(c, 403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the"
                    + " value of Authorization header is formed correctly including the signature.",
                    "Signature did not match. String to sign used was r\n\n" + se + "\n" + c.path);
            return;
        }
        Instant expiry;
        try {
            expiry = Instant.parse(se);
        } catch (DateTimeParseException e) {
            server.blobError(c, 403, "AuthenticationFailed", "Server failed to authenticate the request.",
                    "se is mandatory. Cannot be empty");
            return;
        }
        String key = c.path + "|" + se;
        if (expiredBlobs.contains(key) || !server.now().isBefore(expiry)) {
            String now = SimServer.RFC1123.format(server.now());
            server.blobError(c, 403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the"
                    + " value of Authorization header is formed correctly including the signature.",
                    "Signature not valid in the specified time frame: Start [" + now + "] - Expiry ["
                            + SimServer.RFC1123.format(expiry) + "] - Current [" + now + "]");
            return;
        }
        if (part >= data.files()) {
            server.blobError(c, 404, "BlobNotFound", "The specified blob does not exist.", null);
            return;
        }
        if (server.applyResponseFault(c, f, Style.BLOB, null)) {
            return;
        }
        if (f != null && f.kind() == Fault.Kind.SAS_EXPIRED_MID_DOWNLOAD) {
            expiredBlobs.add(key);
        }
        long from = (long) part * data.filePartRows;
        long count = Math.min(data.raw - from, data.filePartRows);
        c.header("x-ms-blob-type", "BlockBlob");
        c.header("x-ms-version", "2020-08-04");
        c.header("Last-Modified", SimServer.RFC1123.format(data.snapshot));
        OutputStream raw = c.stream(200, "application/octet-stream");
        OutputStream out = Paging.body(raw, f);
        GZIPOutputStream gz = Gz.fast(out);
        ByteSink s = new ByteSink(gz);
        MdeData.Cursor cur = data.new Cursor(from);
        long cut = Paging.cuts(f) ? count / 2 : -1;
        for (long i = 0; i < count; i++) {
            if (i == cut) {
                break;
            }
            data.writeFinding(s, cur.next(), MdeData.Keys.PASCAL, -1);
            s.ch('\n');
        }
        if (cut >= 0) {
            Paging.cut(s, raw, f);   // the gzip stream sync-flushes, so the rows so far reach the client
            return;
        }
        s.flush();
        gz.close();
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link SimulatedMdeTenant}. Sizes and shares are validated when set. */
    public static final class Builder {
        private long seed = 1;
        private int machines = 10;
        private int perMachine = 5;
        private int[] severity = {1, 3, 4, 2};
        private int nonCvePpm = 20_000;
        private int noCvePpm;
        private int dupPpm = 10_000;
        private int driftPpm = 50_000;
        private int nullPpm = 100_000;
        private int changePpm = 10_000;
        private int[] statuses = {2, 2, 1};
        private int filePartRows = 100_000;
        private int machinesPageSize = MAX_MACHINES_PAGE;
        private @Nullable Instant snapshotTime;
        private @Nullable String tenantId;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private List<String> scopes = List.of(DEFAULT_SCOPE, "https://api.security.microsoft.com/.default",
                "https://securitycenter.onmicrosoft.com/windowsatpservice/.default");
        private Duration tokenLifetime = Duration.ofSeconds(3599);
        private @Nullable Duration sasValidity;
        private boolean emptyMachines404 = true;
        private boolean enforceRateLimits;

        private Builder() { }

        /**
         * @param v the seed of all generated data (same seed and sizes, same bytes)
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param v machines, at least 0
         * @return this
         */
        public Builder machines(int v) {
            machines = nonNegative(v, "machines");
            return this;
        }

        /**
         * @param v distinct vulnerabilities (findings) per machine, at least 0
         * @return this
         */
        public Builder vulnerabilitiesPerMachine(int v) {
            perMachine = nonNegative(v, "vulnerabilitiesPerMachine");
            return this;
        }

        /**
         * Relative weights of the severities of findings with an id.
         *
         * @param critical weight of Critical
         * @param high weight of High
         * @param medium weight of Medium
         * @param low weight of Low
         * @return this
         */
        public Builder severityMix(int critical, int high, int medium, int low) {
            int[] w = {nonNegative(critical, "critical"), nonNegative(high, "high"), nonNegative(medium, "medium"),
                nonNegative(low, "low")};
            if (w[0] + w[1] + w[2] + w[3] == 0) {
                throw new IllegalArgumentException("severityMix needs at least one positive weight");
            }
            severity = w;
            return this;
        }

        /**
         * @param share share of findings with a non-CVE id such as {@code TVM-2020-0002}
         * @return this
         */
        public Builder nonCveShare(double share) {
            nonCvePpm = Mix.toPpm(share, "nonCveShare");
            return this;
        }

        /**
         * @param share share of rows with a null {@code cveId} (software inventory rows)
         * @return this
         */
        public Builder inventoryRowShare(double share) {
            noCvePpm = Mix.toPpm(share, "inventoryRowShare");
            return this;
        }

        /**
         * @param share duplicate rows per distinct finding (within and across pages)
         * @return this
         */
        public Builder duplicateShare(double share) {
            dupPpm = Mix.toPpm(share, "duplicateShare");
            return this;
        }

        /**
         * @param share share of values whose casing drifts (enums, host names)
         * @return this
         */
        public Builder casingDriftShare(double share) {
            driftPpm = Mix.toPpm(share, "casingDriftShare");
            return this;
        }

        /**
         * @param share share of nullable fields that are null
         * @return this
         */
        public Builder nullShare(double share) {
            nullPpm = Mix.toPpm(share, "nullShare");
            return this;
        }

        /**
         * @param share share of distinct findings that changed between the two snapshots (delta rows)
         * @return this
         */
        public Builder changeShare(double share) {
            changePpm = Mix.toPpm(share, "changeShare");
            return this;
        }

        /**
         * Relative weights of the delta statuses; rows take them in a repeating cycle.
         *
         * @param newWeight weight of New
         * @param updatedWeight weight of Updated
         * @param fixedWeight weight of Fixed
         * @return this
         */
        public Builder deltaStatusMix(int newWeight, int updatedWeight, int fixedWeight) {
            int[] w = {nonNegative(newWeight, "new"), nonNegative(updatedWeight, "updated"),
                nonNegative(fixedWeight, "fixed")};
            if (w[0] + w[1] + w[2] == 0) {
                throw new IllegalArgumentException("deltaStatusMix needs at least one positive weight");
            }
            statuses = w;
            return this;
        }

        /**
         * @param v raw rows per export file, at least 1
         * @return this
         */
        public Builder filePartRows(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("filePartRows must be at least 1, was " + v);
            }
            filePartRows = v;
            return this;
        }

        /**
         * @param v machines per page when no {@code $top} is given (default 10,000)
         * @return this
         */
        public Builder machinesPageSize(int v) {
            if (v < 1 || v > MAX_MACHINES_PAGE) {
                throw new IllegalArgumentException("machinesPageSize must be 1..10000, was " + v);
            }
            machinesPageSize = v;
            return this;
        }

        /**
         * @param t the snapshot time (default: the last 6-hour boundary)
         * @return this
         */
        public Builder snapshotTime(Instant t) {
            snapshotTime = Objects.requireNonNull(t, "t");
            return this;
        }

        /**
         * @param v the tenant id (default: a GUID from the seed)
         * @return this
         */
        public Builder tenantId(String v) {
            tenantId = Objects.requireNonNull(v, "tenantId");
            return this;
        }

        /**
         * @param v the client id (default: a GUID from the seed)
         * @return this
         */
        public Builder clientId(String v) {
            clientId = Objects.requireNonNull(v, "clientId");
            return this;
        }

        /**
         * @param v the client secret (default: derived from the seed)
         * @return this
         */
        public Builder clientSecret(String v) {
            clientSecret = Objects.requireNonNull(v, "clientSecret");
            return this;
        }

        /**
         * @param v accepted token scopes, the first is handed to connectors
         * @return this
         */
        public Builder tokenScopes(List<String> v) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("tokenScopes must not be empty");
            }
            scopes = List.copyOf(new ArrayList<>(v));
            return this;
        }

        /**
         * @param v the {@code expires_in} of issued tokens (default 3599 s)
         * @return this
         */
        public Builder tokenLifetime(Duration v) {
            tokenLifetime = Objects.requireNonNull(v, "tokenLifetime");
            return this;
        }

        /**
         * @param v SAS link validity, overriding {@code sasValidHours} (default: that parameter, 1 h)
         * @return this
         */
        public Builder sasValidity(Duration v) {
            sasValidity = Objects.requireNonNull(v, "sasValidity");
            return this;
        }

        /**
         * @param v whether an empty tenant answers the machines list with 404 (the docs' behaviour, default)
         * @return this
         */
        public Builder emptyMachinesAnswer404(boolean v) {
            emptyMachines404 = v;
            return this;
        }

        /**
         * Enforces Microsoft's documented limits per app and tenant (machines 100/min and
         * 1,500/hour; JSON export and delta 30/min and 1,000/hour each; file export 5/min and
         * 20/hour) with 429 {@code TooManyRequests} and {@code Retry-After}, on the simulated
         * clock. Off by default: tests with small pages would otherwise wait.
         *
         * @param v whether to enforce
         * @return this
         */
        public Builder enforceRateLimits(boolean v) {
            enforceRateLimits = v;
            return this;
        }

        /** @return the tenant, not started */
        public SimulatedMdeTenant build() {
            return new SimulatedMdeTenant(this);
        }

        private static int nonNegative(int v, String what) {
            if (v < 0) {
                throw new IllegalArgumentException(what + " must not be negative, was " + v);
            }
            return v;
        }
    }
}
