package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultInjectionTest {
    static SimulatedMdeTenant t;
    static SimulatedForeignHost foreign;
    static String token;
    final SimClient client = new SimClient();
    String page1;

    @BeforeAll
    static void start() {
        t = SimulatedMdeTenant.builder().seed(2).machines(20).vulnerabilitiesPerMachine(30).duplicateShare(0)
                .filePartRows(200).build().start();
        foreign = new SimulatedForeignHost().start();
    }

    @AfterAll
    static void stop() {
        t.close();
        foreign.close();
    }

    @BeforeEach
    void reset() {
        t.reset();
        token = client.mdeToken(t);
        page1 = t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=100";
    }

    String page2() {
        return client.mdePage(page1, token).next;
    }

    @Test
    void shouldThrottlePageKOnceWithRetryAfterThenServeIt() {
        t.faults().onPage(Endpoint.VULNERABILITIES, 2, Fault.throttle(Duration.ofSeconds(7)));
        String p2 = page2();
        HttpResponse<String> r = client.get(p2, token);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(r.body()).contains("{\"error\":{\"code\":\"TooManyRequests\"");
        assertThat(client.mdePage(p2, token).rows).hasSize(100);
    }

    @Test
    void shouldThrottleWithoutRetryAfter() {
        t.faults().onRequest(Endpoint.MACHINES, 1, Fault.throttleWithoutRetryAfter());
        HttpResponse<String> r = client.get(t.baseUrl() + "/api/machines", token);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(client.get(t.baseUrl() + "/api/machines", token).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void shouldAnswerServerErrorsInTheMdeEnvelope(int status) {
        t.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.status(status));
        HttpResponse<String> r = client.get(page1, token);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).startsWith("{\"error\":{\"code\":").contains("\"target\":");
    }

    @Test
    void shouldDropTheConnectionInTheMiddleOfTheBody() throws IOException {
        t.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.resetMidBody());
        HttpResponse<InputStream> r = client.getStream(page1, token);
        assertThat(r.statusCode()).isEqualTo(200);
        long[] read = {0};
        try (InputStream in = r.body()) {
            assertThatThrownBy(() -> {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    read[0] += n;
                }
            }).isInstanceOf(IOException.class);
        }
        assertThat(read[0]).isGreaterThan(10_000);
        assertThat(client.mdePage(page1, token).rows).hasSize(100);
    }

    @Test
    void shouldEndTheBodyCleanlyAfterHalfAPage() {
        t.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.truncateMidBody());
        HttpResponse<String> r = client.get(page1, token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSizeGreaterThan(10_000).doesNotEndWith("]}").doesNotContain("@odata.nextLink");
        assertThatThrownBy(() -> SimClient.parseParser(SimClient.JSON.createParser(r.body()), "value",
                "@odata.nextLink", new SimClient.Page())).isInstanceOf(JsonParseException.class);
    }

    @Test
    void shouldServeValidJsonOfTheWrongShapeAndEmptyBodies() {
        t.faults().onRequest(Endpoint.MACHINES, 1, Fault.wrongShape());
        t.faults().onRequest(Endpoint.MACHINES, 2, Fault.emptyBody());
        HttpResponse<String> wrong = client.get(t.baseUrl() + "/api/machines", token);
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("\"value\":{");
        HttpResponse<String> empty = client.get(t.baseUrl() + "/api/machines", token);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void shouldDribbleSlowlyAndDelayTheResponse() {
        t.faults().onRequest(Endpoint.MACHINES, 1, Fault.dribble(4_000, Duration.ofMillis(40)));
        t.faults().onRequest(Endpoint.MACHINES, 2, Fault.delay(Duration.ofMillis(400)));
        long t0 = System.nanoTime();
        SimClient.Page p = client.mdePage(t.baseUrl() + "/api/machines", token);
        long dribbled = (System.nanoTime() - t0) / 1_000_000;
        assertThat(p.rows).hasSize(20);
        assertThat(dribbled).isGreaterThanOrEqualTo(150);
        t0 = System.nanoTime();
        assertThat(client.get(t.baseUrl() + "/api/machines", token).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(380);
    }

    @Test
    void shouldPointTheNextLinkAtAForeignHostThatRecordsAuthorization() {
        t.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.foreignNextLink(foreign.baseUrl()));
        SimClient.Page p = client.mdePage(page1, token);
        assertThat(URI.create(p.next).getPort()).isEqualTo(foreign.baseUrl().getPort());
        assertThat(p.next).contains("/api/machines/SoftwareVulnerabilitiesByMachine?pagesize=100&$skiptoken=");
        long before = foreign.stats().requestsWithAuthorization();
        client.mdePage(p.next, token);
        assertThat(foreign.stats().requestsWithAuthorization()).isEqualTo(before + 1);
        assertThat(foreign.stats().authorizationHosts()).contains("127.0.0.1:" + foreign.baseUrl().getPort());
    }

    @Test
    void shouldMangleAFilteredMachinesNextLinkSoItServesUnfilteredMachines() {
        try (SimulatedMdeTenant own = SimulatedMdeTenant.builder().machines(50).machinesPageSize(10).build().start()) {
            String tok = client.mdeToken(own);
            String filter = "osPlatform eq 'Linux'";
            own.faults().onPage(Endpoint.MACHINES, 1, Fault.mangledFilterNextLink());
            SimClient.Page first = client.mdePage(own.baseUrl() + "/api/machines?$filter=" + SimClient.enc(filter), tok);
            assertThat(first.rows).allSatisfy(r -> assertThat(r.get("osPlatform")).isEqualTo("Linux"));
            assertThat(first.next).contains("?=osPlatform%20eq%20%27Linux%27&=10&$skip=10");
            assertThat(client.mdePage(first.next, tok).rows).extracting(r -> r.get("osPlatform"))
                    .anyMatch(os -> !"Linux".equals(os));
        }
    }

    @Test
    void shouldEnforceTheDocumentedRateLimitsWhenAskedTo() {
        try (SimulatedMdeTenant own = SimulatedMdeTenant.builder().machines(2).enforceRateLimits(true).build().start()) {
            String tok = client.mdeToken(own);
            String url = own.baseUrl() + "/api/machines/SoftwareVulnerabilitiesExport";
            for (int i = 0; i < 5; i++) {
                assertThat(client.get(url, tok).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> sixth = client.get(url, tok);
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(
                    s -> assertThat(s).isBetween(55, 60));
            assertThat(client.get(own.baseUrl() + "/api/machines", tok).statusCode()).isEqualTo(200);
            own.advanceClock(Duration.ofSeconds(61));
            assertThat(client.get(url, tok).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldLoopTheNextLinkAndRepeatAPage() {
        String p2 = page2();
        t.faults().onPage(Endpoint.VULNERABILITIES, 2, Fault.nextLinkLoop());
        assertThat(client.mdePage(p2, token).next).isEqualTo(p2);
        t.faults().onPage(Endpoint.VULNERABILITIES, 2, Fault.repeatPage());
        SimClient.Page first = client.mdePage(page1, token);
        SimClient.Page repeated = client.mdePage(p2, token);
        assertThat(repeated.rows).isEqualTo(first.rows);
        assertThat(repeated.next).isEqualTo(client.mdePage(p2, token).next).isNotEqualTo(p2);
    }

    @Test
    void shouldAnswer401And403OnScriptedRequestsAndOneEndpointOnly() {
        t.faults().onRequest(Endpoint.MACHINES, 1, Fault.unauthorized());
        t.faults().always(Endpoint.VULNERABILITY_CHANGES, Fault.forbidden());
        assertThat(client.get(t.baseUrl() + "/api/machines", token).statusCode()).isEqualTo(401);
        assertThat(client.get(t.baseUrl() + "/api/machines", token).statusCode()).isEqualTo(200);
        HttpResponse<String> delta = client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilityChangesByMachine"
                + "?sinceTime=" + SimClient.enc(java.time.Instant.now().toString()), token);
        assertThat(delta.statusCode()).isEqualTo(403);
        assertThat(delta.body()).contains("\"code\":\"Forbidden\"", "Missing application roles");
        assertThat(client.get(page1, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExpireTheTokenMidRun() {
        t.faults().onPage(Endpoint.VULNERABILITIES, 2, Fault.expireToken());
        String p2 = page2();
        assertThat(client.get(p2, token).statusCode()).isEqualTo(401);
        assertThat(client.get(p2, token).statusCode()).isEqualTo(401);
        assertThat(client.get(p2, client.mdeToken(t)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRotateTheSecretSoTheOldOneFails() {
        SimulatedMdeTenant own = SimulatedMdeTenant.builder().machines(2).build().start();
        try {
            String old = own.clientSecret();
            String tok = client.mdeToken(own);
            own.faults().onRequest(Endpoint.MACHINES, 2, Fault.secretRotation("rotated-secret"));
            assertThat(client.get(own.baseUrl() + "/api/machines", tok).statusCode()).isEqualTo(200);
            assertThat(client.get(own.baseUrl() + "/api/machines", tok).statusCode()).isEqualTo(401);
            assertThat(own.clientSecret()).isEqualTo("rotated-secret");
            HttpResponse<String> refused = client.postForm(own.tokenUrl(), "grant_type=client_credentials&client_id="
                    + own.clientId() + "&client_secret=" + SimClient.enc(old) + "&scope=" + SimClient.enc(own.tokenScope()));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("AADSTS7000215");
        } finally {
            own.close();
        }
    }

    @Test
    void shouldFailTheTokenEndpointOnRequest() {
        t.faults().onRequest(Endpoint.TOKEN, t.stats().count(Endpoint.TOKEN) + 1, Fault.status(503));
        HttpResponse<String> r = client.postForm(t.tokenUrl(), "grant_type=client_credentials&client_id=" + t.clientId()
                + "&client_secret=" + SimClient.enc(t.clientSecret()) + "&scope=" + SimClient.enc(t.tokenScope()));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"error\":", "\"error_codes\":");
    }

    @Test
    void shouldCutABlobDownloadAndExpireItsLinkMidDownload() throws IOException {
        List<String> files = MdeDeltaAndFileExportTest.exportFiles(client.get(t.baseUrl()
                + "/api/machines/SoftwareVulnerabilitiesExport", token).body());
        assertThat(files).hasSize(3);
        t.faults().onPage(Endpoint.BLOB, 2, Fault.sasExpiredMidDownload());
        HttpResponse<InputStream> r = client.getStream(files.get(1), null);
        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream in = new GZIPInputStream(r.body())) {
            assertThatThrownBy(() -> in.readAllBytes()).isInstanceOf(IOException.class);
        }
        HttpResponse<String> again = client.get(files.get(1), null);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("AuthenticationFailed");
        assertThat(client.getStream(files.get(0), null).statusCode()).isEqualTo(200);
        List<String> fresh = MdeDeltaAndFileExportTest.exportFiles(client.get(t.baseUrl()
                + "/api/machines/SoftwareVulnerabilitiesExport", token).body());
        assertThat(client.getStream(fresh.get(1), null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldTruncateEmptyOrMisshapeBlobs() throws IOException {
        List<String> files = MdeDeltaAndFileExportTest.exportFiles(client.get(t.baseUrl()
                + "/api/machines/SoftwareVulnerabilitiesExport", token).body());
        t.faults().onPage(Endpoint.BLOB, 1, Fault.truncateMidBody());
        HttpResponse<InputStream> truncated = client.getStream(files.get(0), null);
        try (InputStream in = new GZIPInputStream(truncated.body())) {
            assertThatThrownBy(() -> in.readAllBytes()).isInstanceOf(java.io.EOFException.class);
        }
        t.faults().onPage(Endpoint.BLOB, 1, Fault.emptyBody());
        assertThat(client.get(files.get(0), null).body()).isEmpty();
        t.faults().onPage(Endpoint.BLOB, 1, Fault.wrongShape());
        HttpResponse<InputStream> wrong = client.getStream(files.get(0), null);
        try (InputStream in = new GZIPInputStream(wrong.body())) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("[1,2,3]");
        }
        HttpResponse<InputStream> ok = client.getStream(files.get(0), null);
        try (InputStream in = new GZIPInputStream(ok.body())) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()).hasSize(200);
        }
    }

    @Test
    void shouldApplyResourceGraphFaultsInTheArmEnvelope() {
        try (SimulatedAzureTenant az = SimulatedAzureTenant.builder().vms(30).quota(100, Duration.ofSeconds(5)).build()
                .start()) {
            String tok = client.azureToken(az);
            String q = AzureResourceGraphTest.VMS;
            SimClient.Page p1 = client.argPage(az, tok, AzureResourceGraphTest.body(q, null, 10, null));
            az.faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.throttle(Duration.ofSeconds(1)));
            HttpResponse<String> throttled = client.postJson(az.baseUrl()
                    + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01", tok,
                    AzureResourceGraphTest.body(q, null, 10, p1.next));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.body()).contains("\"code\":\"RateLimiting\"");
            az.faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.nextLinkLoop());
            assertThat(client.argPage(az, tok, AzureResourceGraphTest.body(q, null, 10, p1.next)).next).isEqualTo(p1.next);
            az.faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.repeatPage());
            assertThat(client.argPage(az, tok, AzureResourceGraphTest.body(q, null, 10, p1.next)).rows).isEqualTo(p1.rows);
            az.faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.wrongShape());
            assertThat(client.postJson(az.baseUrl() + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                    tok, AzureResourceGraphTest.body(q, null, 10, p1.next)).body()).contains("\"data\":{");
            az.faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.expireToken());
            HttpResponse<String> expired = client.postJson(az.baseUrl()
                    + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01", tok,
                    AzureResourceGraphTest.body(q, null, 10, p1.next));
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("ExpiredAuthenticationToken");
            assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    h -> assertThat(h).contains("invalid_token").doesNotContain("claims"));
        }
    }
}
