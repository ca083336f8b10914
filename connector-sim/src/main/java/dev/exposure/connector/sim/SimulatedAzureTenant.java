package dev.exposure.connector.sim;

import dev.exposure.connector.sim.AzureData.Family;
import dev.exposure.connector.sim.SimServer.Call;
import dev.exposure.connector.sim.SimServer.Style;
import dev.exposure.connector.sim.TokenService.Check;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A simulated Azure tenant for the Defender for Cloud connector: an in-process HTTPS server on
 * 127.0.0.1 that speaks the Entra ID v2.0 token endpoint (ARM scope
 * {@code https://management.core.windows.net//.default}; the Resource Graph SDK's body with
 * {@code claims} and a scope list is accepted), Azure Resource Graph
 * {@code POST /providers/Microsoft.ResourceGraph/resources?api-version=...} and the ARM
 * subscription read {@code GET /subscriptions/{id}?api-version=...} used as an authorization probe,
 * as {@code api-facts-mdc.md} records them.
 *
 * <h2>Resource Graph</h2>
 * A query is recognised by the resource type it names:
 * {@code microsoft.security/assessments/subassessments}, then {@code microsoft.security/assessments}
 * (checked first, since the assessment queries also name virtual machines),
 * {@code microsoft.compute/virtualmachines}, {@code microsoft.network/networkinterfaces} or
 * {@code microsoft.network/publicipaddresses}; a query naming more than one of the last three (a
 * join) is answered 400 {@code InvalidQuery}. Also understood: a final {@code | count}, {@code take N}
 * / {@code limit N}, and the last {@code | project a, b = expr, ...} (only known columns are written;
 * {@code assessedId} is known for assessments; without {@code id} in the projection paging is
 * impossible: {@code resultTruncated:"true"} and no {@code $skipToken}). The request's
 * {@code subscriptions} select rows (unknown or forbidden subscriptions contribute none; none
 * given = every subscription), {@code options.$top} (1..1000, default 100), {@code options.$skip}
 * and {@code options.$skipToken} page them; {@code resultFormat} must be {@code objectArray}
 * (the default). Answers {@code {totalRecords, count, data:[...], facets:[], resultTruncated:"false",
 * $skipToken?}} with {@code x-ms-user-quota-remaining} / {@code x-ms-user-quota-resets-after}
 * (a fixed window, 15 queries per 5 s by default); over quota: 429 {@code RateLimiting} (with
 * {@code Retry-After} only if configured).
 *
 * <h2>Data</h2>
 * VMs are split into contiguous blocks, one per subscription. VM {@code k} has
 * {@code nicsPerVm} NICs plus one more when {@code (k+1) % extraNicEvery == 0}; NIC {@code i} has
 * two IP configurations when {@code (i+1) % multiIpConfigEvery == 0} and a public IP when
 * {@code i % publicIpEvery == 0}; public IP {@code p} has no address when
 * {@code (p+1) % unallocatedPublicIpEvery == 0}. VM {@code k} with {@code k % caseDriftEvery == 0}
 * has an upper-case resource group in its own id and its NIC references, while the NICs' ids are
 * lower-case. Every VM has {@code assessmentsPerVm} assessments; their identity is the lower-cased
 * assessment {@code id}. Every VM has {@code subAssessmentsPerVm} vulnerability sub-assessments
 * (one CVE on one software each) of the assessment 1195afff-c881-495e-9bc5-1486211ae03f; their
 * identity is machine, CVE and software.
 *
 * @since 0.1
 */
public final class SimulatedAzureTenant extends SimulatedTenant {
    /** The default ARM token scope (double slash intended). */
    public static final String DEFAULT_SCOPE = "https://management.core.windows.net//.default";
    /** The largest Resource Graph page. */
    public static final int MAX_TOP = 1000;
    /** The page size when {@code $top} is absent. */
    public static final int DEFAULT_TOP = 100;

    private static final Pattern TOKEN_PATH = Pattern.compile("^/[^/]+/oauth2/v2\\.0/token/?$");
    private static final Pattern SUB_PATH = Pattern.compile("^/subscriptions/([^/]+)/?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAKE = Pattern.compile("\\|\\s*(?:take|limit)\\s+(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("\\|\\s*count\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROJECT = Pattern.compile("\\|\\s*project\\s+([^|]+)", Pattern.CASE_INSENSITIVE);

    private final Builder b;
    private final AzureData data;
    private final Router router = new Router();
    private final Object quotaLock = new Object();
    private long windowStart = Long.MIN_VALUE;
    private int used;

    private SimulatedAzureTenant(Builder b) {
        super("azure", b.seed, 2, b.tenantId, b.clientId, b.clientSecret, b.scopes, b.tokenLifetime);
        this.b = b;
        List<String> subs = b.subscriptions != null ? b.subscriptions : generatedSubscriptions(b.seed, b.subscriptionCount);
        this.data = new AzureData(b.seed, subs, tenantId(), b.vms, b.nicsPerVm, b.extraNicEvery, b.multiIpEvery,
                b.publicIpEvery, b.unallocatedEvery, b.perVm, b.statuses, b.missingSeverityEvery,
                b.noImageOfferEvery, b.noOsProfileEvery, b.caseDriftEvery, b.lowerKeysEvery, b.cidrEvery, Instant.now());
        this.data.subPerVm = b.subPerVm;
    }

    private static List<String> generatedSubscriptions(long seed, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(Mix.guid(seed, i, 5));
        }
        return List.copyOf(l);
    }

    /** @return a builder with small defaults (2 subscriptions, 10 VMs, 5 assessments each) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this tenant, started (idempotent) */
    public SimulatedAzureTenant start() {
        server.start();
        return this;
    }

    /** @return the tenant's subscriptions (VMs are spread over them in order) */
    public List<String> subscriptions() {
        return data.subscriptions;
    }

    @Override
    void resetLimits() {
        synchronized (quotaLock) {
            windowStart = Long.MIN_VALUE;
            used = 0;
        }
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

    /** @return VMs in all subscriptions */
    public long expectedVms() {
        return data.total(Family.VMS);
    }

    /** @return NICs in all subscriptions */
    public long expectedNics() {
        return data.total(Family.NICS);
    }

    /** @return public IPs in all subscriptions */
    public long expectedPublicIps() {
        return data.total(Family.PUBLIC_IPS);
    }

    /** @return private IPs in CIDR form (see {@link Builder#cidrIpConfigEvery}) */
    public long expectedCidrPrivateIps() {
        return b.multiIpEvery == 0 || b.cidrEvery == 0 ? 0 : expectedNics() / b.multiIpEvery / b.cidrEvery;
    }

    /** @return public IPs without an address */
    public long expectedPublicIpsWithoutAddress() {
        return b.unallocatedEvery == 0 ? 0 : expectedPublicIps() / b.unallocatedEvery;
    }

    /** @return assessments in all subscriptions */
    public long expectedAssessments() {
        return data.total(Family.ASSESSMENTS);
    }

    /** @return vulnerability sub-assessments in all subscriptions (see {@link Builder#subAssessmentsPerVm}) */
    public long expectedSubAssessments() {
        return data.total(Family.SUB_ASSESSMENTS);
    }

    /** @return sub-assessments by status code (Healthy, Unhealthy, NotApplicable) */
    public Map<String, Long> expectedSubAssessmentsByStatus() {
        long[] c = data.subAssessmentCounts();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Healthy", c[0]);
        m.put("Unhealthy", c[1]);
        m.put("NotApplicable", c[2]);
        return m;
    }

    /** @return assessments by status code (Healthy, Unhealthy, NotApplicable) and "NoSeverity" */
    public Map<String, Long> expectedAssessmentsByStatus() {
        long[] c = data.assessmentCounts();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Healthy", c[0]);
        m.put("Unhealthy", c[1]);
        m.put("NotApplicable", c[2]);
        m.put("NoSeverity", c[3]);
        return m;
    }

    /**
     * @param subscription one of {@link #subscriptions()}
     * @return VMs in that subscription
     */
    public long expectedVms(String subscription) {
        int s = data.subscriptions.indexOf(subscription);
        return s < 0 ? 0 : data.vmStart(s + 1) - data.vmStart(s);
    }

    /**
     * @param rows rows of a family
     * @param top the {@code $top} sent
     * @return pages (requests) a {@code $skipToken} walk needs
     */
    public static long expectedPages(long rows, int top) {
        return Math.max(1, (rows + top - 1) / top);
    }

    @Override
    public String toString() {
        return "SimulatedAzureTenant[" + (server.started() ? server.baseUrl() : "not started") + ", vms=" + data.vms
                + ", subscriptions=" + data.subscriptions.size() + "]";
    }

    // ------------------------------------------------------------------ serving

    private final class Router implements SimServer.Router {
        @Override
        public Endpoint classify(String method, String path) {
            if (TOKEN_PATH.matcher(path).matches()) {
                return Endpoint.TOKEN;
            }
            if (path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
                return Endpoint.RESOURCE_GRAPH;
            }
            return SUB_PATH.matcher(path).matches() ? Endpoint.SUBSCRIPTION : Endpoint.OTHER;
        }

        @Override
        public void handle(Call c) throws IOException {
            if (c.endpoint == Endpoint.TOKEN) {
                if (!server.applyResponseFault(c, c.fault(0), Style.ENTRA, tokens)) {
                    tokens.handle(c);
                }
                return;
            }
            if (c.endpoint == Endpoint.OTHER) {
                server.error(c, Style.ARM, 404, "InvalidResourceType", "The resource type could not be found for "
                        + c.path + ".");
                return;
            }
            Check check = tokens.check(c.header("Authorization"));
            if (check == Check.MISSING) {
                server.error(c, Style.ARM, 401, "AuthenticationFailed",
                        "Authentication failed. The 'Authorization' header is missing.");
                return;
            }
            if (check != Check.VALID) {
                server.unauthorized(c, Style.ARM, "", check == Check.EXPIRED);
                return;
            }
            String version = c.param("api-version");
            if (version == null || version.isBlank()) {
                server.error(c, Style.ARM, 400, "MissingApiVersionParameter",
                        "The api-version query parameter (?api-version=) is required for all requests.");
                return;
            }
            if (c.endpoint == Endpoint.SUBSCRIPTION) {
                subscription(c);
            } else {
                resourceGraph(c);
            }
        }
    }

    private void subscription(Call c) throws IOException {
        if (server.applyResponseFault(c, c.fault(0), Style.ARM, tokens)) {
            return;
        }
        Matcher m = SUB_PATH.matcher(c.path);
        m.matches();
        String id = Call.decode(m.group(1));
        if (b.forbidden.contains(id.toLowerCase(Locale.ROOT))) {
            server.error(c, Style.ARM, 403, "AuthorizationFailed", "The client '" + clientId() + "' with object id '"
                    + clientId() + "' does not have authorization to perform action"
                    + " 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/" + id
                    + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
            return;
        }
        if (!data.subscriptions.contains(id)) {
            server.error(c, Style.ARM, 404, "SubscriptionNotFound", "The subscription '" + id + "' could not be found.");
            return;
        }
        c.json(200, "{\"id\":\"/subscriptions/" + id + "\",\"authorizationSource\":\"RoleBased\",\"managedByTenants\":[],"
                + "\"subscriptionId\":\"" + id + "\",\"tenantId\":\"" + tenantId() + "\",\"displayName\":\"Simulated "
                + (data.subscriptions.indexOf(id) + 1) + "\",\"state\":\"Enabled\",\"subscriptionPolicies\":{"
                + "\"locationPlacementId\":\"Public_2014-09-01\",\"quotaId\":\"PayAsYouGo_2014-09-01\","
                + "\"spendingLimit\":\"Off\"}}");
    }

    /** @return true when the request may proceed; else the 429 was sent */
    private boolean quota(Call c) throws IOException {
        long now = server.now().toEpochMilli();
        long windowMs = b.quotaWindow.toMillis();
        int remaining;
        long resetMs;
        boolean throttled;
        synchronized (quotaLock) {
            if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMs) {
                windowStart = now;
                used = 0;
            }
            throttled = used >= b.quota;
            if (!throttled) {
                used++;
            }
            remaining = b.quota - used;
            resetMs = windowStart + windowMs - now;
        }
        long secs = Math.max(1, (resetMs + 999) / 1000);
        String resets = String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
        c.header("x-ms-user-quota-remaining", Integer.toString(remaining));
        c.header("x-ms-user-quota-resets-after", resets);
        if (throttled) {
            if (b.retryAfterOnThrottle) {
                c.header("Retry-After", Long.toString(secs));
            }
            server.error(c, Style.ARM, 429, "RateLimiting", "Please provide below info when asking for support:"
                    + " timestamp = " + server.now() + ", correlationId = " + server.nextRequestId() + ".");
            return false;
        }
        return true;
    }

    private void badRequest(Call c, String detailCode, String message) throws IOException {
        c.header("x-ms-request-id", server.nextRequestId());
        c.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when asking for"
                + " support: timestamp = " + server.now() + ", correlationId = " + server.nextRequestId()
                + ".\",\"details\":[{\"code\":" + MiniJson.quote(detailCode) + ",\"message\":"
                + MiniJson.quote(message) + "}]}}");
    }

    private void resourceGraph(Call c) throws IOException {
        if (!"POST".equals(c.method())) {
            server.error(c, Style.ARM, 405, "MethodNotAllowed", "Resource Graph queries are POST requests.");
            return;
        }
        String ct = c.header("Content-Type");
        String body = c.body();
        if (ct == null || !ct.toLowerCase(Locale.ROOT).contains("json")) {
            server.error(c, Style.ARM, 500, "InternalServerError", "Encountered internal server error.");
            return;
        }
        if (!quota(c)) {
            return;
        }
        Map<?, ?> req;
        try {
            Object o = MiniJson.parse(body);
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            req = m;
        } catch (IllegalArgumentException e) {
            badRequest(c, "InvalidRequestContent", "The request content was invalid and could not be deserialized: "
                    + e.getMessage());
            return;
        }
        Object q = req.get("query");
        if (!(q instanceof String query) || query.isBlank()) {
            badRequest(c, "InvalidRequestContent", "The 'query' field is required.");
            return;
        }
        Map<?, ?> options = req.get("options") instanceof Map<?, ?> om ? om : Map.of();
        Object fmt = options.get("resultFormat");
        if (fmt != null && !"objectArray".equalsIgnoreCase(fmt.toString())) {
            badRequest(c, "UnsupportedResultFormat", "The simulator answers resultFormat objectArray only.");
            return;
        }
        int top = DEFAULT_TOP;
        if (options.get("$top") != null) {
            if (!(options.get("$top") instanceof Long t) || t < 1 || t > MAX_TOP) {
                badRequest(c, "InvalidTop", "$top must be an integer between 1 and 1000, was " + options.get("$top"));
                return;
            }
            top = (int) (long) t;
        }
        String lq = query.toLowerCase(Locale.ROOT);
        Family family;
        if (lq.contains("microsoft.security/assessments/subassessments")) {
            family = Family.SUB_ASSESSMENTS;
        } else if (lq.contains("microsoft.security/assessments")) {
            family = Family.ASSESSMENTS;
        } else {
            List<Family> named = new ArrayList<>();
            if (lq.contains("microsoft.compute/virtualmachines")) {
                named.add(Family.VMS);
            }
            if (lq.contains("microsoft.network/networkinterfaces")) {
                named.add(Family.NICS);
            }
            if (lq.contains("microsoft.network/publicipaddresses")) {
                named.add(Family.PUBLIC_IPS);
            }
            if (named.size() != 1) {
                badRequest(c, "InvalidQuery", named.isEmpty()
                        ? "The simulator recognises queries over microsoft.compute/virtualmachines,"
                        + " microsoft.network/networkinterfaces, microsoft.network/publicipaddresses and"
                        + " microsoft.security/assessments only."
                        : "The simulator answers one resource type per query; join on the client side.");
                return;
            }
            family = named.get(0);
        }
        // scope: ranges of VM indexes, by subscription order in the tenant
        Set<String> asked = null;
        if (req.get("subscriptions") instanceof List<?> l) {
            asked = new HashSet<>();
            for (Object s : l) {
                asked.add(String.valueOf(s).toLowerCase(Locale.ROOT));
            }
        }
        List<long[]> ranges = new ArrayList<>();
        for (int s = 0; s < data.subscriptions.size(); s++) {
            String sub = data.subscriptions.get(s).toLowerCase(Locale.ROOT);
            if ((asked == null || asked.contains(sub)) && !b.forbidden.contains(sub)) {
                long from = data.before(family, data.vmStart(s));
                long to = data.before(family, data.vmStart(s + 1));
                if (to > from) {
                    ranges.add(new long[] {from, to});
                }
            }
        }
        long total = 0;
        for (long[] r : ranges) {
            total += r[1] - r[0];
        }
        Matcher take = TAKE.matcher(query);
        if (take.find()) {
            total = Math.min(total, Long.parseLong(take.group(1)));
        }
        if (COUNT.matcher(query).find()) {
            Fault f = c.fault(1);
            if (server.applyResponseFault(c, f, Style.ARM, tokens)) {
                return;
            }
            Paging.json(c, "{\"totalRecords\":1,\"count\":1,\"data\":[{\"Count\":" + total + "}],\"facets\":[],"
                    + "\"resultTruncated\":\"false\"}", f);
            return;
        }
        Set<String> projection = null;
        Matcher pm = PROJECT.matcher(query);
        while (pm.find()) {
            projection = new LinkedHashSet<>();
            for (String col : pm.group(1).split(",")) {
                String name = col.split("=")[0].trim();
                if (!name.isEmpty()) {
                    projection.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        String queryKey = Long.toHexString(Mix.h(query.hashCode(), String.valueOf(asked).hashCode(), 51));
        long offset = 0;
        if (options.get("$skipToken") != null) {
            long at = decodeSkip(String.valueOf(options.get("$skipToken")), queryKey);
            if (at < 0) {
                badRequest(c, "InvalidSkipToken", "The $skipToken is not valid for this query.");
                return;
            }
            offset = at;
        } else if (options.get("$skip") instanceof Long sk && sk >= 0) {
            offset = sk;
        }
        Fault f = c.fault((int) (offset / top) + 1);
        if (server.applyResponseFault(c, f, Style.ARM, tokens)) {
            return;
        }
        long start = offset;
        if (f != null && f.kind() == Fault.Kind.REPEAT_PAGE) {
            start = Math.max(0, offset - top);
        }
        long count = Math.max(0, Math.min(top, total - start));
        boolean pageable = projection == null || projection.contains("id");
        String skipToken = null;
        boolean truncated = false;
        if (offset + top < total) {
            if (pageable) {
                skipToken = Paging.encodeToken("{\"q\":\"" + queryKey + "\",\"o\":" + (offset + top) + "}");
            } else {
                truncated = true;
            }
        }
        if (f != null && f.kind() == Fault.Kind.NEXT_LINK_LOOP) {
            skipToken = options.get("$skipToken") != null ? String.valueOf(options.get("$skipToken"))
                    : Paging.encodeToken("{\"q\":\"" + queryKey + "\",\"o\":0}");
        }
        String suffix = "],\"facets\":[],\"resultTruncated\":\"" + truncated + "\""
                + (skipToken == null ? "" : ",\"$skipToken\":" + MiniJson.quote(skipToken)) + "}";
        long first = start;
        Set<String> proj = projection;
        Paging.stream(c, "application/json; charset=utf-8", "{\"totalRecords\":" + total + ",\"count\":" + count
                + ",\"data\":[", count, () -> {
                    long[] pos = {first};
                    return s -> {
                        long row = rowAt(ranges, pos[0]++);
                        switch (family) {
                            case VMS: data.writeVm(s, row, proj); break;
                            case NICS: data.writeNic(s, row, proj); break;
                            case PUBLIC_IPS: data.writePip(s, row, proj); break;
                            case SUB_ASSESSMENTS: data.writeSubAssessment(s, row, proj); break;
                            default: data.writeAssessment(s, row, proj);
                        }
                    };
                }, suffix, f);
    }

    private static long rowAt(List<long[]> ranges, long index) {
        long i = index;
        for (long[] r : ranges) {
            long n = r[1] - r[0];
            if (i < n) {
                return r[0] + i;
            }
            i -= n;
        }
        throw new IllegalStateException("row " + index + " is out of range");
    }

    private static long decodeSkip(String token, String queryKey) {
        String json = Paging.decodeToken(token);
        if (json == null) {
            return -1;
        }
        try {
            if (MiniJson.parse(json) instanceof Map<?, ?> m && queryKey.equals(m.get("q")) && m.get("o") instanceof Long o
                    && o >= 0) {
                return o;
            }
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return -1;
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link SimulatedAzureTenant}. */
    public static final class Builder {
        private long seed = 1;
        private int subscriptionCount = 2;
        private @Nullable List<String> subscriptions;
        private int vms = 10;
        private int nicsPerVm = 1;
        private int extraNicEvery = 4;
        private int multiIpEvery = 3;
        private int publicIpEvery = 2;
        private int unallocatedEvery = 4;
        private int perVm = 5;
        private int subPerVm = 3;
        private int[] statuses = {2, 2, 1};
        private int missingSeverityEvery = 7;
        private int noImageOfferEvery = 5;
        private int noOsProfileEvery = 6;
        private int caseDriftEvery = 3;
        private int lowerKeysEvery = 2;
        private int cidrEvery;
        private int quota = 15;
        private Duration quotaWindow = Duration.ofSeconds(5);
        private boolean retryAfterOnThrottle;
        private Set<String> forbidden = Set.of();
        private @Nullable String tenantId;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private List<String> scopes = List.of(DEFAULT_SCOPE, "https://management.azure.com/.default",
                "https://management.core.windows.net/.default");
        private Duration tokenLifetime = Duration.ofSeconds(3599);

        private Builder() { }

        /**
         * @param v the seed of all generated data
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @param n how many subscriptions to generate (GUIDs from the seed), at least 1
         * @return this
         */
        public Builder subscriptionCount(int n) {
            subscriptionCount = atLeast(n, 1, "subscriptionCount");
            subscriptions = null;
            return this;
        }

        /**
         * @param ids the subscription ids, at least one
         * @return this
         */
        public Builder subscriptions(List<String> ids) {
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("subscriptions must not be empty");
            }
            subscriptions = List.copyOf(ids);
            return this;
        }

        /**
         * @param v VMs over all subscriptions
         * @return this
         */
        public Builder vms(int v) {
            vms = atLeast(v, 0, "vms");
            return this;
        }

        /**
         * @param v NICs of every VM, at least 1
         * @return this
         */
        public Builder nicsPerVm(int v) {
            nicsPerVm = atLeast(v, 1, "nicsPerVm");
            return this;
        }

        /**
         * @param v every v-th VM has one NIC more (0: none)
         * @return this
         */
        public Builder extraNicEvery(int v) {
            extraNicEvery = atLeast(v, 0, "extraNicEvery");
            return this;
        }

        /**
         * @param v every v-th NIC has two IP configurations (0: none)
         * @return this
         */
        public Builder multiIpConfigEvery(int v) {
            multiIpEvery = atLeast(v, 0, "multiIpConfigEvery");
            return this;
        }

        /**
         * @param v every v-th NIC (from the first) has a public IP (0: none)
         * @return this
         */
        public Builder publicIpEvery(int v) {
            publicIpEvery = atLeast(v, 0, "publicIpEvery");
            return this;
        }

        /**
         * @param v every v-th public IP has no address (0: none)
         * @return this
         */
        public Builder unallocatedPublicIpEvery(int v) {
            unallocatedEvery = atLeast(v, 0, "unallocatedPublicIpEvery");
            return this;
        }

        /**
         * @param v vulnerability sub-assessments of every VM (parent assessment
         *     1195afff-c881-495e-9bc5-1486211ae03f; default 3); the first five of a VM name five
         *     different CVEs, later ones repeat them with another software version
         * @return this
         */
        public Builder subAssessmentsPerVm(int v) {
            subPerVm = atLeast(v, 0, "subAssessmentsPerVm");
            return this;
        }

        /**
         * @param v assessments of every VM
         * @return this
         */
        public Builder assessmentsPerVm(int v) {
            perVm = atLeast(v, 0, "assessmentsPerVm");
            return this;
        }

        /**
         * @param healthy weight of Healthy
         * @param unhealthy weight of Unhealthy
         * @param notApplicable weight of NotApplicable
         * @return this
         */
        public Builder statusMix(int healthy, int unhealthy, int notApplicable) {
            int[] w = {atLeast(healthy, 0, "healthy"), atLeast(unhealthy, 0, "unhealthy"),
                atLeast(notApplicable, 0, "notApplicable")};
            if (w[0] + w[1] + w[2] == 0) {
                throw new IllegalArgumentException("statusMix needs a positive weight");
            }
            statuses = w;
            return this;
        }

        /**
         * @param v every v-th assessment has no severity (0: only the custom policy has none)
         * @return this
         */
        public Builder missingSeverityEvery(int v) {
            missingSeverityEvery = atLeast(v, 0, "missingSeverityEvery");
            return this;
        }

        /**
         * @param v every v-th VM has a gallery image without offer (0: none)
         * @return this
         */
        public Builder noImageOfferEvery(int v) {
            noImageOfferEvery = atLeast(v, 0, "noImageOfferEvery");
            return this;
        }

        /**
         * @param v every v-th VM has no osProfile (0: none)
         * @return this
         */
        public Builder noOsProfileEvery(int v) {
            noOsProfileEvery = atLeast(v, 0, "noOsProfileEvery");
            return this;
        }

        /**
         * @param v every v-th VM's id drifts in case against its NICs (0: none)
         * @return this
         */
        public Builder caseDriftEvery(int v) {
            caseDriftEvery = atLeast(v, 0, "caseDriftEvery");
            return this;
        }

        /**
         * @param v the second IP configuration of every v-th NIC that has two (see
         *     {@link #multiIpConfigEvery}) has its private IP in CIDR form ({@code 10.x.y.z/28}, with
         *     {@code privateIPAddressPrefixLength} 28), as Azure answers for a configuration created
         *     with a prefix length (0: none, the default)
         * @return this
         */
        public Builder cidrIpConfigEvery(int v) {
            cidrEvery = atLeast(v, 0, "cidrIpConfigEvery");
            return this;
        }

        /**
         * @param v every v-th assessment uses lower-case {@code source}/{@code id} keys (0: none)
         * @return this
         */
        public Builder lowerCaseResourceDetailsEvery(int v) {
            lowerKeysEvery = atLeast(v, 0, "lowerCaseResourceDetailsEvery");
            return this;
        }

        /**
         * @param queries Resource Graph queries allowed per window (default 15)
         * @param window the window (default 5 s)
         * @return this
         */
        public Builder quota(int queries, Duration window) {
            quota = atLeast(queries, 1, "queries");
            quotaWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * @param v whether a quota 429 carries {@code Retry-After} (undocumented; default false)
         * @return this
         */
        public Builder retryAfterOnThrottle(boolean v) {
            retryAfterOnThrottle = v;
            return this;
        }

        /**
         * @param ids subscriptions the app may not read (403 AuthorizationFailed, no rows)
         * @return this
         */
        public Builder forbiddenSubscriptions(String... ids) {
            Set<String> s = new HashSet<>();
            for (String id : ids) {
                s.add(id.toLowerCase(Locale.ROOT));
            }
            forbidden = Set.copyOf(s);
            return this;
        }

        /**
         * @param v the tenant id
         * @return this
         */
        public Builder tenantId(String v) {
            tenantId = Objects.requireNonNull(v, "tenantId");
            return this;
        }

        /**
         * @param v the client id
         * @return this
         */
        public Builder clientId(String v) {
            clientId = Objects.requireNonNull(v, "clientId");
            return this;
        }

        /**
         * @param v the client secret
         * @return this
         */
        public Builder clientSecret(String v) {
            clientSecret = Objects.requireNonNull(v, "clientSecret");
            return this;
        }

        /**
         * @param v accepted scopes; the first is handed to connectors
         * @return this
         */
        public Builder tokenScopes(List<String> v) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("tokenScopes must not be empty");
            }
            scopes = List.copyOf(v);
            return this;
        }

        /**
         * @param v the {@code expires_in} of issued tokens
         * @return this
         */
        public Builder tokenLifetime(Duration v) {
            tokenLifetime = Objects.requireNonNull(v, "tokenLifetime");
            return this;
        }

        /** @return the tenant, not started */
        public SimulatedAzureTenant build() {
            return new SimulatedAzureTenant(this);
        }

        private static int atLeast(int v, int min, String what) {
            if (v < min) {
                throw new IllegalArgumentException(what + " must be at least " + min + ", was " + v);
            }
            return v;
        }
    }
}
