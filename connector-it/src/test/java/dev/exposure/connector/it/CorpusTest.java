package dev.exposure.connector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Secret;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

/**
 * The conformance corpus: real response bodies from public sources (Microsoft Learn samples, the
 * Azure REST API specs, captures other integrations published from real tenants), one folder per
 * case under {@code src/test/resources/corpus/<connector>/<case>/} (see the README there). Each
 * case is served from a loopback HTTPS server behind the real Entra ID credential flow, read by the
 * real connector found through {@link Connectors#load()}, transformed with the connector's default
 * maps and the default {@link ErrorPolicy#FAIL}, and checked against the outcome its
 * {@code case.json} expects: records, chosen fields, data-quality counts, notices or the typed error.
 *
 * <p>A case whose {@code expectedToFailUntilMerged} names a fix not merged yet is run, and when it
 * fails it is reported as aborted (a JUnit assumption) with the reason and the failure, not as
 * passed: remove the flag when the fix is in.
 */
class CorpusTest {
    static final String TENANT = "7d3e1c4a-2b5f-4e6a-9c8d-1f2e3a4b5c6d";
    static final String CLIENT = "4b1a2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String SECRET = "corpus-client-secret-value";
    static final String SUBSCRIPTION = "20ff7fc3-e762-44dd-bd96-b71116dcdc23";
    /** Replaced, in served bodies, by the loopback server's base URL (for next links and export files). */
    static final String BASE_URL_PLACEHOLDER = "{{baseUrl}}";
    static final String ARG_PATH = "/providers/Microsoft.ResourceGraph/resources";
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Which text of the Resource Graph request body tells the connector's queries apart. */
    static final Map<String, String> ARG_QUERIES = Map.of(
            "virtualMachines", "project id, name, type, tenantId, location",
            "networkInterfaces", "microsoft.network/networkinterfaces",
            "publicIpAddresses", "microsoft.network/publicipaddresses",
            "assessments", "microsoft.security/assessments");

    @RegisterExtension
    static final HttpsWireMockExtension WM = HttpsWireMockExtension.builder().failOnUnmatchedRequests(false).build();

    @TestFactory
    Stream<DynamicTest> shouldReadEveryCorpusCaseAsItsCaseFileExpects() throws IOException {
        Path root = corpusRoot();
        List<Path> cases;
        try (Stream<Path> files = Files.walk(root, 3)) {
            cases = files.filter(p -> p.getFileName().toString().equals("case.json")).map(Path::getParent).sorted()
                    .toList();
        }
        assertThat(cases).as("corpus cases under " + root.getFileName()).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(root.relativize(dir).toString().replace('\\', '/'),
                dir.toUri(), () -> runCase(dir)));
    }

    static Path corpusRoot() {
        URL url = CorpusTest.class.getClassLoader().getResource("corpus");
        assertThat(url).as("the corpus folder on the test class path").isNotNull();
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void runCase(Path dir) throws IOException {
        JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
        String pending = spec.path("expectedToFailUntilMerged").asText("");
        try {
            check(dir, spec);
        } catch (AssertionError | RuntimeException e) {
            if (pending.isEmpty()) {
                throw e;
            }
            throw new TestAbortedException("expected to fail until merged: " + pending + "; failed with: "
                    + e.getMessage(), e);
        }
        Assumptions.assumeTrue(pending.isEmpty(), () -> "passes already although flagged expectedToFailUntilMerged ("
                + pending + "): remove the flag");
    }

    // ------------------------------------------------------------------ one case

    static void check(Path dir, JsonNode spec) throws IOException {
        WM.resetAll();
        EntraTokenStub.forTenant(TENANT).clientId(CLIENT).clientSecret(SECRET).register(WM);
        String connectorId = spec.path("connector").asText();
        boolean mdc = connectorId.equals("mdc-vm");
        serve(dir, spec, mdc);

        ConnectorProvider provider = Connectors.load().require(connectorId);
        ConnectionConfig config = config(spec, mdc);
        ConnectorContext context = (mdc ? NoWaits.mdcContext() : NoWaits.context())
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .with(Clock.class, Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        Transformer transformer = Transformer.builder().defaultsOf(provider).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        assertThat(transformer.errorPolicy()).as("the corpus runs with the default error policy")
                .isEqualTo(ErrorPolicy.FAIL);

        boolean assets = spec.path("run").asText().equals("assets");
        List<Object> out = new ArrayList<>();
        ConnectorException error = null;
        SyncStats stats;
        try (Connector connector = provider.create(config, context)) {
            SyncRequest request = spec.path("mode").asText().equals("delta") ? SyncRequest.delta(storedCheckpoint())
                    : SyncRequest.full();
            RecordStream<SourceRecord> source = assets ? connector.fetchAssets(request)
                    : connector.fetchFindings(request);
            TransformedStream<?> stream = assets ? transformer.assets(source) : transformer.findings(source);
            try (stream) {
                while (stream.hasNext()) {
                    out.add(stream.next());
                }
            } catch (ConnectorException e) {
                error = e;
            }
            stats = stream.stats();
        }
        JsonNode expect = spec.path("expect");
        assertThat(WM.findAllUnmatchedRequests()).as("requests the case does not answer (a 404 would pass for an"
                + " empty machine list)").extracting(r -> r.getMethod() + " " + r.getUrl()).isEmpty();
        new SecretScan().add(error).assertNoLeak(SECRET, EntraTokenStub.DEFAULT_ACCESS_TOKEN);
        checkError(expect.path("error"), error);
        // every other expectation is checked, and all mismatches reported at once
        SoftAssertions softly = new SoftAssertions();
        if (expect.has("records")) {
            softly.assertThat(out).as("records delivered").hasSize(expect.path("records").asInt());
        }
        checkItems(softly, expect.path(assets ? "assets" : "findings"), out, assets);
        checkDataQuality(softly, expect.path("dataQuality"), stats.dataQuality());
        for (JsonNode n : expect.path("notices")) {
            softly.assertThat(stats.notices()).as("notices").anySatisfy(s -> assertThat(s).contains(n.asText()));
        }
        softly.assertAll();
    }

    /** A checkpoint as a host would have stored after a full sync a day before {@link #NOW}. */
    static Checkpoint storedCheckpoint() {
        Instant dayBefore = NOW.minus(Duration.ofDays(1));
        return Checkpoint.builder().connectorId("mde-v2").scope(TENANT).position(dayBefore.toString())
                .createdAt(dayBefore).putAttributes("lastFullSync", dayBefore.toString())
                .putAttributes("mode", "full").build();
    }

    static ConnectionConfig config(JsonNode spec, boolean mdc) {
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .name("corpus " + spec.path("connector").asText())
                .description("conformance corpus case")
                .tenantId(TENANT)
                .clientId(CLIENT)
                .clientSecret(Secret.of(SECRET))
                .authenticationUrl(WM.baseUrl() + "/")
                .cloud("custom")
                .putOptions("cloud", "custom")
                .putOptions("tokenScope", WM.baseUrl() + "/.default");
        if (mdc) {
            b.putOptions("resourceManagerUrl", WM.baseUrl()).putOptions("subscriptions", SUBSCRIPTION);
        } else {
            b.putOptions("apiBaseUrl", WM.baseUrl()).putOptions("findingsSource", "json");
        }
        spec.path("options").fields().forEachRemaining(e -> b.putOptions(e.getKey(), e.getValue().asText()));
        return b.build();
    }

    /**
     * Registers the case's answers. An MDE answer names {@code "request": "GET /path"} (the query
     * string is not matched); an MDC answer names the Resource Graph {@code "query"} it answers
     * (see {@link #ARG_QUERIES}); Resource Graph queries a case does not answer get a page with no
     * rows. Several answers to the same request are served in order, the last one repeatedly.
     */
    static void serve(Path dir, JsonNode spec, boolean mdc) throws IOException {
        if (mdc) {
            for (String marker : ARG_QUERIES.values()) {
                WM.stubFor(post(urlPathEqualTo(ARG_PATH)).atPriority(10).withRequestBody(containing(marker))
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody("{\"totalRecords\":0,\"count\":0,\"data\":[],\"facets\":[],"
                                        + "\"resultTruncated\":\"false\"}")));
            }
        }
        Map<String, List<JsonNode>> byRequest = new LinkedHashMap<>();
        for (JsonNode r : spec.path("responses")) {
            String key = mdc ? "POST " + ARG_PATH + " " + r.path("query").asText() : r.path("request").asText();
            byRequest.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<JsonNode>> e : byRequest.entrySet()) {
            List<JsonNode> answers = e.getValue();
            for (int i = 0; i < answers.size(); i++) {
                JsonNode r = answers.get(i);
                MappingBuilder m;
                if (mdc) {
                    String marker = ARG_QUERIES.get(r.path("query").asText());
                    assertThat(marker).as("known Resource Graph query in " + dir.getFileName()).isNotNull();
                    m = post(urlPathEqualTo(ARG_PATH)).withRequestBody(containing(marker));
                } else {
                    String[] parts = r.path("request").asText().split(" ", 2);
                    UrlPathPattern path = urlPathEqualTo(parts[1]);
                    m = any(path);
                    for (Iterator<Map.Entry<String, JsonNode>> q = r.path("queryContains").fields(); q.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = q.next();
                        StringValuePattern v = containing(p.getValue().asText());
                        m = m.withQueryParam(p.getKey(), v);
                    }
                }
                m = m.atPriority(1);
                if (answers.size() > 1) {
                    String scenario = e.getKey();
                    ScenarioMappingBuilder sm = m.inScenario(scenario)
                            .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer " + i);
                    if (i + 1 < answers.size()) {
                        sm = sm.willSetStateTo("answer " + (i + 1));
                    }
                    m = sm;
                }
                WM.stubFor(m.willReturn(response(dir, r)));
            }
        }
    }

    static ResponseDefinitionBuilder response(Path dir, JsonNode r) throws IOException {
        ResponseDefinitionBuilder b = aResponse().withStatus(r.path("status").asInt(200));
        r.path("headers").fields().forEachRemaining(h -> b.withHeader(h.getKey(), h.getValue().asText()));
        if (r.has("body")) {
            String name = r.path("body").asText();
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            String text = new String(bytes, StandardCharsets.UTF_8).replace(BASE_URL_PLACEHOLDER, WM.baseUrl());
            if (r.path("gzip").asBoolean(false)) {
                b.withBody(gzip(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                b.withBody(text);
                if (!r.path("headers").has("Content-Type") && name.endsWith(".json")) {
                    b.withHeader("Content-Type", "application/json; charset=utf-8");
                }
            }
        }
        return b;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ expectations

    static void checkError(JsonNode expected, @Nullable ConnectorException actual) {
        if (expected.isMissingNode() || expected.isNull()) {
            assertThat(actual).as("the run's error").isNull();
            return;
        }
        assertThat(actual).as("the run fails with " + expected.path("type").asText()).isNotNull();
        List<String> types = new ArrayList<>();
        for (Class<?> c = actual.getClass(); c != null; c = c.getSuperclass()) {
            types.add(c.getSimpleName());
        }
        assertThat(types).as("the error's type (" + actual + ")").contains(expected.path("type").asText());
        for (JsonNode text : expected.path("messageContains")) {
            assertThat(actual.getMessage()).as("the error's message").containsIgnoringCase(text.asText());
        }
    }

    static void checkItems(SoftAssertions softly, JsonNode expected, List<Object> out, boolean assets) {
        for (JsonNode item : expected) {
            String idField = assets ? "externalAssetId" : "externalFindingId";
            String id = item.path(idField).asText();
            Object match = out.stream().filter(o -> id.equals(assets ? ((Asset) o).externalAssetId()
                    : ((Finding) o).externalFindingId())).findFirst().orElse(null);
            softly.assertThat(match).as("a record with " + idField + " " + id + " among " + out.size()).isNotNull();
            if (match == null) {
                continue;
            }
            item.fields().forEachRemaining(f -> softly.assertThat(read(match, f.getKey()))
                    .as(id + " " + f.getKey()).isEqualTo(expectedValue(f.getValue())));
        }
    }

    /** @return a field of a model object: a method name, {@code cloud.<name>} or {@code attributes.<key>} */
    static @Nullable Object read(Object model, String field) {
        Object v;
        if (field.startsWith("attributes.")) {
            Map<?, ?> attributes = (Map<?, ?>) invoke(model, "attributes");
            v = attributes.get(field.substring("attributes.".length()));
        } else if (field.startsWith("cloud.")) {
            Object cloud = unwrap(invoke(model, "cloud"));
            v = cloud == null ? null : invoke(cloud, field.substring("cloud.".length()));
        } else {
            v = invoke(model, field);
        }
        return normalize(v);
    }

    static Object invoke(Object target, String name) {
        try {
            Class<?> type = target.getClass();
            while (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                type = type.getSuperclass();
            }
            Method m = type.getMethod(name);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the model " + target.getClass().getSimpleName() + " has no field '" + name
                    + "'", e);
        }
    }

    static @Nullable Object unwrap(@Nullable Object v) {
        return v instanceof Optional<?> o ? o.orElse(null) : v;
    }

    /** Values as the case files write them: text, lists of text, null for absent or empty. */
    static @Nullable Object normalize(@Nullable Object v) {
        v = unwrap(v);
        if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                return null;
            }
            List<Object> l = new ArrayList<>();
            c.forEach(e -> l.add(normalize(e)));
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty() ? null : String.valueOf(m);
        }
        return v == null ? null : String.valueOf(v instanceof Enum<?> e ? e.name() : v);
    }

    static @Nullable Object expectedValue(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            if (n.isEmpty()) {
                return null;
            }
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(expectedValue(e)));
            return l;
        }
        return n.asText();
    }

    /**
     * Checks the data-quality report: the totals, and per listed field the counts summed over every
     * stream (connector or transform) whose field path contains the given text, so a case does not
     * depend on which layer repairs a value.
     */
    static void checkDataQuality(SoftAssertions softly, JsonNode expected, DataQualityReport report) {
        String shown = report.toString();
        if (expected.has("repaired")) {
            softly.assertThat(report.repaired()).as("values repaired: " + shown).isEqualTo(expected.path("repaired").asLong());
        }
        if (expected.has("dropped")) {
            softly.assertThat(report.dropped()).as("values dropped: " + shown).isEqualTo(expected.path("dropped").asLong());
        }
        for (JsonNode f : expected.path("fields")) {
            String part = f.path("field").asText();
            List<DataQualityReport.Field> matching = report.fields().stream()
                    .filter(x -> x.field().contains(part)).toList();
            long repaired = matching.stream().mapToLong(DataQualityReport.Field::repaired).sum();
            long dropped = matching.stream().mapToLong(DataQualityReport.Field::dropped).sum();
            if (f.has("repaired")) {
                softly.assertThat(repaired).as("repaired values of fields containing '" + part + "': " + shown)
                        .isEqualTo(f.path("repaired").asLong());
            }
            if (f.has("dropped")) {
                softly.assertThat(dropped).as("dropped values of fields containing '" + part + "': " + shown)
                        .isEqualTo(f.path("dropped").asLong());
            }
        }
    }
}
