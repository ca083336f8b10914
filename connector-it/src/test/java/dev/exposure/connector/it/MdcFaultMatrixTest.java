package dev.exposure.connector.it;

import static dev.exposure.connector.it.MdeFaultMatrixTest.freePort;
import static dev.exposure.connector.it.MdeFaultMatrixTest.pause;
import static dev.exposure.connector.it.Matrix.Case.fails;
import static dev.exposure.connector.it.Matrix.Case.recovers;
import static dev.exposure.connector.it.Run.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.it.Matrix.Case;
import dev.exposure.connector.mdc.MdcConnectorProvider;
import dev.exposure.connector.mdc.MdcOptions;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.RequestStats;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix of the Defender for Cloud connector ({@code mdc-vm}) on the simulated Azure
 * tenant (Resource Graph with {@code $skipToken} paging): each fault either recovers with exactly
 * the records of a clean run, or fails with the right typed {@link ConnectorException}; MDC hands
 * out no checkpoint (every run is full), and no run leaks the secret or a token.
 */
class MdcFaultMatrixTest {
    static final int PAGE = 5;
    static final String ROTATED = "rotated-Azure~Secret.c0ffee42d00d";

    @RegisterExtension
    static final SimulatedAzureTenantExtension SIM = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(5).vms(6).assessmentsPerVm(4).quota(10_000, Duration.ofSeconds(5)))
            .build();

    static Map<String, Integer> cleanFindings;
    static Map<String, Integer> cleanAssets;
    static Map<String, Integer> cleanVulnerabilities;
    static String secret;

    /**
     * Which stream a case reads: VULNERABILITIES is the finding stream with {@code findings=vulnerabilities}
     * (the VM index on pages 1-2, then the sub-assessments on pages 1-4 of their query, so that a
     * fault on page 3 or 4 lands on the sub-assessment query).
     */
    enum Kind { ASSETS, FINDINGS, VULNERABILITIES }

    /** What a case can touch. */
    static final class Ctx {
        final SimulatedAzureTenant tenant;
        @Nullable String resourceManagerUrl;
        @Nullable HttpClient http;

        Ctx(SimulatedAzureTenant tenant) {
            this.tenant = tenant;
        }
    }


    /** The last page of the assessments query (the findings run reads VMs, then assessments). */
    static int lastPage() {
        return (int) SimulatedAzureTenant.expectedPages(SIM.tenant().expectedAssessments(), PAGE);
    }

    static Stream<Case<Kind, Ctx>> faults() {
        Endpoint rg = Endpoint.RESOURCE_GRAPH;
        Duration ra = Duration.ofSeconds(2);
        return Stream.of(
                recovers("429 with Retry-After, first page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 1, Fault.throttle(ra))),
                recovers("429 with Retry-After, middle page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.throttle(ra))),
                recovers("429 with Retry-After, last page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, lastPage(), Fault.throttle(ra))),
                recovers("429 without Retry-After, first page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 1, Fault.throttleWithoutRetryAfter())),
                recovers("429 without Retry-After, middle page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.throttleWithoutRetryAfter())),
                recovers("429 without Retry-After, last page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, lastPage(), Fault.throttleWithoutRetryAfter())),
                recovers("429 on an assets page", Kind.ASSETS, c -> c.tenant.faults().onPage(rg, 2, Fault.throttle(ra))),
                fails("429 with a Retry-After over 5 minutes (no retry; the wait is reported)", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 1, Fault.throttle(Duration.ofMinutes(10))), RateLimitedException.class),
                fails("429 on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(rg, Fault.throttle(ra)), RateLimitedException.class),
                recovers("500 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.status(500))),
                recovers("502 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.status(502))),
                recovers("503 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.status(503))),
                recovers("504 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.status(504))),
                fails("503 on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(rg, Fault.status(503)), TransientException.class),
                fails("connection refused", Kind.FINDINGS, c -> c.resourceManagerUrl = "https://127.0.0.1:" + freePort() + "/", TransientException.class),
                recovers("connection reset mid-body", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.resetMidBody())),
                fails("connection reset mid-body on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(rg, Fault.resetMidBody()), TransientException.class),
                recovers("read timeout (stalled body)", Kind.FINDINGS, c -> {
                    c.http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(TestTls.sslContext()))
                            .readTimeout(Duration.ofMillis(600)).responseTimeout(Duration.ofMillis(600)).build();
                    c.tenant.faults().onPage(rg, 2, Fault.dribble(200, Duration.ofSeconds(3)));
                }),
                fails("truncated JSON", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.truncateMidBody()), DataException.class),
                fails("valid JSON of the wrong shape", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.wrongShape()), DataException.class),
                fails("empty 200 body", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.emptyBody()), DataException.class),
                recovers("token revoked by the server mid-run (one resend with a fresh token)", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.expireToken())),
                fails("401 after a secret rotation", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.secretRotation(ROTATED)), AuthenticationException.class),
                fails("403 on Resource Graph only", Kind.FINDINGS, c -> c.tenant.faults().always(rg, Fault.forbidden()), AuthorizationException.class),
                recovers("403 on the subscription read only (not used by a sync)", Kind.FINDINGS, c -> c.tenant.faults().always(Endpoint.SUBSCRIPTION, Fault.forbidden())),
                fails("nextLink loop (repeated $skipToken)", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 2, Fault.nextLinkLoop()), DataException.class),
                fails("repeated page", Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 3, Fault.repeatPage()), DataException.class),
                Case.interruptedAfterFirstRecord(Kind.FINDINGS, c -> c.tenant.faults().onPage(rg, 3, Fault.delay(Duration.ofSeconds(5)))),
                Case.closedAfter(Kind.FINDINGS, 3),
                recovers("sub-assessments: 429 with Retry-After", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.throttle(ra))),
                recovers("sub-assessments: 503 once on the last page", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 4, Fault.status(503))),
                recovers("sub-assessments: connection reset mid-body", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.resetMidBody())),
                fails("sub-assessments: 503 on every attempt", Kind.VULNERABILITIES, c -> c.tenant.faults().always(rg, Fault.status(503)), TransientException.class),
                fails("sub-assessments: truncated JSON", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.truncateMidBody()), DataException.class),
                fails("sub-assessments: valid JSON of the wrong shape", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.wrongShape()), DataException.class),
                fails("sub-assessments: nextLink loop", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.nextLinkLoop()), DataException.class),
                fails("sub-assessments: repeated page", Kind.VULNERABILITIES, c -> c.tenant.faults().onPage(rg, 3, Fault.repeatPage()), DataException.class),
                Case.closedAfter(Kind.VULNERABILITIES, 3));
    }

    @BeforeAll
    static void cleanRuns() {
        secret = SIM.tenant().clientSecret();
        Run findings = run(config(null), null, Kind.FINDINGS, NOTHING);
        Run assets = run(config(null), null, Kind.ASSETS, NOTHING);
        Run vulnerabilities = run(config(null), null, Kind.VULNERABILITIES, NOTHING);
        assertThat(vulnerabilities.error()).isNull();
        assertThat((long) vulnerabilities.ids().size()).isEqualTo(SIM.tenant().expectedSubAssessments());
        assertThat(SimulatedAzureTenant.expectedPages(SIM.tenant().expectedSubAssessments(), PAGE))
                .as("the sub-assessments span pages 1-4, the VM index pages 1-2").isEqualTo(4);
        cleanVulnerabilities = vulnerabilities.multiset();
        assertThat(findings.error()).isNull();
        assertThat(assets.error()).isNull();
        assertThat((long) findings.ids().size()).isEqualTo(SIM.tenant().expectedAssessments());
        assertThat((long) assets.ids().size()).isEqualTo(SIM.tenant().expectedVms());
        assertThat(lastPage()).as("the assessments span several pages").isGreaterThanOrEqualTo(3);
        cleanFindings = findings.multiset();
        cleanAssets = assets.multiset();
    }

    @AfterAll
    static void summary() {
        System.out.println(Matrix.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void shouldRecoverWithTheSameRecordsOrFailTypedWithoutCheckpointOrLeak(Case<Kind, Ctx> c) {
        SimulatedAzureTenant tenant = SIM.tenant();
        Ctx ctx = new Ctx(tenant);
        int logMark = CapturedLogs.mark();
        c.arrange().accept(ctx);
        ConnectionConfig config = config(ctx.resourceManagerUrl);
        Run run;
        boolean interruptFlag;
        try {
            run = run(config, ctx.http, c.kind(), c.midRun());
        } finally {
            interruptFlag = Thread.interrupted();
            tenant.rotateSecret(secret, false);
        }
        Map<String, Integer> clean = c.kind() == Kind.ASSETS ? cleanAssets
                : c.kind() == Kind.VULNERABILITIES ? cleanVulnerabilities : cleanFindings;

        Matrix.Outcome outcome = Matrix.assertOutcome(c.expect(), c.error(), run, clean, interruptFlag, 3);
        assertThat(run.checkpoint()).as("mdc-vm never hands out a checkpoint (every run is full)").isEmpty();
        Matrix.record("mdc-vm", c.name(), outcome);
        assertTokenStayedHome(tenant);
        new SecretScan().addAll(CapturedLogs.since(logMark)).add(run.error()).add(run.stats()).add(config)
                .assertNoLeak(secret, ROTATED);
    }

    @Test
    void shouldFetchAFreshTokenWhenTheFirstExpiresMidRun() {
        try (SimulatedAzureTenant shortLived = SimulatedAzureTenant.builder().seed(5).vms(6).assessmentsPerVm(4)
                .quota(10_000, Duration.ofSeconds(5)).tokenLifetime(Duration.ofSeconds(1)).build().start()) {
            int logMark = CapturedLogs.mark();
            ConnectionConfig config = ConnectionConfig.builder().from(SIM.config())
                    .tenantId(shortLived.tenantId()).clientId(shortLived.clientId())
                    .clientSecret(dev.exposure.connector.Secret.of(shortLived.clientSecret()))
                    .authenticationUrl(shortLived.authenticationUrl())
                    .putOptions(MdcOptions.RESOURCE_MANAGER_URL, shortLived.baseUrl().toString())
                    .putOptions(MdcOptions.SUBSCRIPTIONS, String.join(",", shortLived.subscriptions()))
                    .build();
            Run run = run(config, null, Kind.FINDINGS, (s, n) -> {
                if (n == PAGE) {
                    pause(Duration.ofMillis(1_300));
                }
            });
            assertThat(run.error()).isNull();
            assertThat(run.multiset()).isEqualTo(cleanFindings);
            assertThat(shortLived.tokensIssued()).as("a second token was fetched mid-run").isGreaterThanOrEqualTo(2);
            new SecretScan().addAll(CapturedLogs.since(logMark)).add(run.stats()).assertNoLeak(shortLived.clientSecret());
            Matrix.record("mdc-vm", "token expiry mid-run", Matrix.Outcome.RECOVERED);
        }
    }

    @Test
    void shouldDeliverTheAssessmentsThenTheSubAssessmentsWithBoth() {
        ConnectionConfig config = ConnectionConfig.builder().from(config(null))
                .putOptions(MdcOptions.FINDINGS, MdcOptions.FINDINGS_BOTH).build();
        Run run = run(config, null, Kind.FINDINGS, NOTHING);
        assertThat(run.error()).isNull();
        Map<String, Integer> expected = new java.util.HashMap<>(cleanFindings);
        expected.putAll(cleanVulnerabilities);
        assertThat(run.multiset()).isEqualTo(expected);
    }

    @Test
    void shouldStopRetryingAfterFourAttemptsWhenEveryAttemptIsThrottled() {
        SIM.tenant().faults().always(Endpoint.RESOURCE_GRAPH, Fault.throttleWithoutRetryAfter());
        Run run = run(config(null), null, Kind.FINDINGS, NOTHING);
        assertThat(run.error()).isInstanceOf(RateLimitedException.class);
        assertThat(SIM.tenant().stats().count(Endpoint.RESOURCE_GRAPH)).as("attempts of the first query").isEqualTo(4);
    }

    /** Reconciled with mde (connector-azure): a wait over 5 minutes is not waited early, it is reported. */
    @Test
    void shouldReportARetryAfterOverFiveMinutesInsteadOfRetryingEarly() {
        SIM.tenant().faults().onPage(Endpoint.RESOURCE_GRAPH, 1, Fault.throttle(Duration.ofHours(3)));
        Run run = run(config(null), null, Kind.FINDINGS, NOTHING);
        assertThat(run.error()).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) run.error()).retryAfter()).contains(Duration.ofHours(3));
        assertThat(run.stats().throttledTime()).isZero();
    }

    // ------------------------------------------------------------------ plumbing

    static void assertTokenStayedHome(SimulatedAzureTenant tenant) {
        String home = tenant.baseUrl().getHost() + ":" + tenant.baseUrl().getPort();
        RequestStats stats = tenant.stats();
        assertThat(stats.authorizationHosts()).as("hosts that received the bearer token").allMatch(h -> h.equals(home));
    }

    static ConnectionConfig config(@Nullable String resourceManagerUrl) {
        ConnectionConfig.Builder b = ConnectionConfig.builder().from(SIM.config());
        if (resourceManagerUrl != null) {
            b.putOptions(MdcOptions.RESOURCE_MANAGER_URL, resourceManagerUrl);
        }
        return b.build();
    }

    static Run run(ConnectionConfig config, @Nullable HttpClient http, Kind kind,
                   BiConsumer<RecordStream<SourceRecord>, Integer> midRun) {
        SyncRequest r = SyncRequest.builder().pageSize(PAGE).build();
        ConnectorContext.Builder context = NoWaits.mdcContext().with(SSLContext.class, TestTls.sslContext());
        if (kind == Kind.VULNERABILITIES) {
            config = ConnectionConfig.builder().from(config)
                    .putOptions(MdcOptions.FINDINGS, MdcOptions.FINDINGS_VULNERABILITIES).build();
        }
        if (http != null) {
            context.with(HttpClient.class, http);
        }
        try (Connector connector = new MdcConnectorProvider().create(config, context.build())) {
            return Run.drain(kind == Kind.ASSETS ? connector.fetchAssets(r) : connector.fetchFindings(r), midRun);
        }
    }
}
