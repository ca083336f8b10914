package dev.exposure.connector.it;

import static dev.exposure.connector.it.Matrix.Case.fails;
import static dev.exposure.connector.it.Matrix.Case.recovers;
import static dev.exposure.connector.it.Run.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.Checkpoint;
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
import dev.exposure.connector.it.Matrix.Expect;
import dev.exposure.connector.mde.MdeConfig;
import dev.exposure.connector.mde.MdeConnectorProvider;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.RequestStats;
import dev.exposure.connector.sim.SimulatedForeignHost;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
 * The fault matrix of the MDE connector ({@code mde-v2}) on the simulated Defender for Endpoint
 * tenant: each fault either recovers with exactly the records of a clean run, or fails with the
 * right typed {@link ConnectorException} and no checkpoint; no run leaks the secret or a token,
 * and the token never reaches a foreign host.
 */
class MdeFaultMatrixTest {
    static final int PAGE = 20;
    static final String ROTATED = "rotated-Secret~Value.7f3e9a2b5c41";

    @RegisterExtension
    static final SimulatedMdeTenantExtension SIM = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(8).machines(12).vulnerabilitiesPerMachine(5).machinesPageSize(5)
                    .duplicateShare(0.05).filePartRows(20))
            .build();

    static SimulatedForeignHost foreign;
    static Map<String, Integer> cleanFindings;
    static Map<String, Integer> cleanMachines;
    static String secret;

    /** Which stream a case reads. */
    enum Kind { ASSETS, FINDINGS, FILES }

    /** What a case can touch. */
    static final class Ctx {
        final SimulatedMdeTenant tenant;
        @Nullable String apiBaseUrl;

        Ctx(SimulatedMdeTenant tenant) {
            this.tenant = tenant;
        }
    }


    static int lastPage() {
        return (int) SIM.tenant().expectedFindingPages(PAGE);
    }

    static Stream<Case<Kind, Ctx>> faults() {
        Endpoint v = Endpoint.VULNERABILITIES;
        Duration ra = Duration.ofSeconds(2);
        return Stream.of(
                recovers("429 with Retry-After, first page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 1, Fault.throttle(ra))),
                recovers("429 with Retry-After, middle page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.throttle(ra))),
                recovers("429 with Retry-After, last page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, lastPage(), Fault.throttle(ra))),
                recovers("429 without Retry-After, first page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 1, Fault.throttleWithoutRetryAfter())),
                recovers("429 without Retry-After, middle page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.throttleWithoutRetryAfter())),
                recovers("429 without Retry-After, last page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, lastPage(), Fault.throttleWithoutRetryAfter())),
                recovers("429 on a machines page", Kind.ASSETS, c -> c.tenant.faults().onPage(Endpoint.MACHINES, 2, Fault.throttle(ra))),
                fails("429 with a Retry-After over 5 minutes (not waited for)", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 1, Fault.throttle(Duration.ofMinutes(10))), RateLimitedException.class),
                fails("429 on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(v, Fault.throttle(ra)), RateLimitedException.class),
                recovers("500 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.status(500))),
                recovers("502 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.status(502))),
                recovers("503 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.status(503))),
                recovers("504 once", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.status(504))),
                fails("503 on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(v, Fault.status(503)), TransientException.class),
                fails("connection refused", Kind.FINDINGS, c -> c.apiBaseUrl = "https://127.0.0.1:" + freePort() + "/", TransientException.class),
                recovers("connection reset mid-body", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.resetMidBody())),
                fails("connection reset mid-body on every attempt", Kind.FINDINGS, c -> c.tenant.faults().always(v, Fault.resetMidBody()), TransientException.class),
                recovers("read timeout (stalled body)", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.dribble(200, Duration.ofSeconds(3)))),
                fails("truncated JSON", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.truncateMidBody()), DataException.class),
                fails("valid JSON of the wrong shape", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.wrongShape()), DataException.class),
                fails("valid JSON of the wrong shape (machines)", Kind.ASSETS, c -> c.tenant.faults().onPage(Endpoint.MACHINES, 2, Fault.wrongShape()), DataException.class),
                fails("empty 200 body", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.emptyBody()), DataException.class),
                new Case<Kind, Ctx>("token expiry mid-run", Kind.FINDINGS, c -> c.tenant.tokenLifetime(Duration.ofSeconds(1)),
                        (s, n) -> {
                            if (n == PAGE) {
                                pause(Duration.ofMillis(1_300));   // the 1-second token is now expired on both clocks
                            }
                        }, Expect.RECOVERED, null),
                recovers("token revoked by the server mid-run (one resend with a fresh token)", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.expireToken())),
                fails("401 after a secret rotation", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.secretRotation(ROTATED)), AuthenticationException.class),
                fails("403 on the vulnerabilities endpoint only", Kind.FINDINGS, c -> c.tenant.faults().always(v, Fault.forbidden()), AuthorizationException.class),
                fails("nextLink to a foreign host", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 1, Fault.foreignNextLink(foreign.baseUrl())), DataException.class),
                fails("nextLink to a foreign host (machines)", Kind.ASSETS, c -> c.tenant.faults().onPage(Endpoint.MACHINES, 1, Fault.foreignNextLink(foreign.baseUrl())), DataException.class),
                fails("nextLink loop", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.nextLinkLoop()), DataException.class),
                fails("nextLink loop (machines)", Kind.ASSETS, c -> c.tenant.faults().onPage(Endpoint.MACHINES, 2, Fault.nextLinkLoop()), DataException.class),
                fails("repeated page", Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 3, Fault.repeatPage()), DataException.class),
                recovers("SAS link expired mid-download (file export)", Kind.FILES, c -> c.tenant.faults().onPage(Endpoint.BLOB, 2, Fault.sasExpiredMidDownload())),
                recovers("503 on the export list (file export)", Kind.FILES, c -> c.tenant.faults().onPage(Endpoint.FILE_EXPORT, 1, Fault.status(503))),
                Case.interruptedAfterFirstRecord(Kind.FINDINGS, c -> c.tenant.faults().onPage(v, 2, Fault.delay(Duration.ofSeconds(5)))),
                Case.closedAfter(Kind.FINDINGS, 5));
    }

    @BeforeAll
    static void cleanRuns() {
        foreign = new SimulatedForeignHost().start();
        secret = SIM.tenant().clientSecret();
        Run findings = run(config(null, "json"), Kind.FINDINGS, NOTHING);
        Run machines = run(config(null, "json"), Kind.ASSETS, NOTHING);
        assertThat(findings.error()).isNull();
        assertThat(machines.error()).isNull();
        assertThat((long) findings.ids().size()).isEqualTo(SIM.tenant().expectedRawFindingRows());
        assertThat((long) findings.multiset().size()).isEqualTo(SIM.tenant().expectedDistinctFindings());
        assertThat(machines.ids()).hasSize(SIM.tenant().expectedMachines());
        assertThat(SIM.tenant().expectedDuplicateRows()).as("the tenant serves duplicates").isPositive();
        assertThat(SIM.tenant().expectedFindingPages(PAGE)).as("the findings span several pages").isGreaterThanOrEqualTo(3);
        cleanFindings = findings.multiset();
        cleanMachines = machines.multiset();
    }

    @AfterAll
    static void stopForeignHost() {
        foreign.close();
        System.out.println(Matrix.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void shouldRecoverWithTheSameRecordsOrFailTypedWithoutCheckpointOrLeak(Case<Kind, Ctx> c) {
        SimulatedMdeTenant tenant = SIM.tenant();
        Ctx ctx = new Ctx(tenant);
        int logMark = CapturedLogs.mark();
        c.arrange().accept(ctx);
        ConnectionConfig config = config(ctx.apiBaseUrl, c.kind() == Kind.FILES ? "files" : "json");
        Run run;
        boolean interruptFlag;
        try {
            run = run(config, c.kind(), c.midRun());
        } finally {
            interruptFlag = Thread.interrupted();
            tenant.tokenLifetime(Duration.ofSeconds(3599));
            tenant.rotateSecret(secret, false);
        }
        Map<String, Integer> clean = c.kind() == Kind.ASSETS ? cleanMachines : cleanFindings;

        Matrix.Outcome outcome = Matrix.assertOutcome(c.expect(), c.error(), run, clean, interruptFlag, 5);
        if (outcome != Matrix.Outcome.RECOVERED) {
            assertThat(run.checkpoint()).as("a failed or abandoned run never hands out a checkpoint").isEmpty();
        } else if (c.kind() != Kind.ASSETS) {
            assertThat(run.checkpoint()).as("a completed findings run hands out its checkpoint").isPresent();
            assertThat((long) run.ids().size()).isEqualTo(tenant.expectedRawFindingRows());
        }
        Matrix.record("mde-v2", c.name(), outcome);

        assertTokenStayedHome(tenant.stats(), tenant);
        assertThat(foreign.stats().requestsWithAuthorization()).as("requests with a token at the foreign host").isZero();
        new SecretScan().addAll(CapturedLogs.since(logMark)).add(run.error()).add(run.stats())
                .add(run.checkpoint().map(Checkpoint::toString).orElse(null))
                .add(run.checkpoint().map(Checkpoint::encode).orElse(null)).add(config)
                .assertNoLeak(secret, ROTATED);
    }

    @Test
    void shouldStopRetryingAfterMaxRetriesWhenEveryAttemptFails() {
        SIM.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.status(503));
        Run run = run(config(null, "json"), Kind.FINDINGS, NOTHING);
        assertThat(run.error()).isInstanceOf(TransientException.class);
        assertThat(SIM.tenant().stats().count(Endpoint.VULNERABILITIES)).as("1 attempt + maxRetries=3").isEqualTo(4);
        assertThat(run.ids()).isEmpty();
    }

    @Test
    void shouldStillSyncMachinesAndNameTheMissingPermissionWhenOnlyVulnerabilitiesAreForbidden() {
        SIM.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.forbidden());

        Run machines = run(config(null, "json"), Kind.ASSETS, NOTHING);
        Run findings = run(config(null, "json"), Kind.FINDINGS, NOTHING);

        assertThat(machines.error()).isNull();
        assertThat(machines.multiset()).isEqualTo(cleanMachines);
        assertThat(findings.error()).isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("Vulnerability.Read.All");
        assertThat(findings.ids()).isEmpty();
        assertThat(findings.checkpoint()).isEmpty();
    }

    @Test
    void shouldFallBackToAFullSyncWhenTheDeltaCheckpointIsOlderThanFourteenDays() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(15));
        Run first = run(config(null, "json"), Kind.FINDINGS, NOTHING, Clock.fixed(longAgo, ZoneOffset.UTC), SyncRequest.full());
        Checkpoint old = first.checkpoint().orElseThrow();
        SIM.tenant().stats().reset();

        Run delta = run(config(null, "json"), Kind.FINDINGS, NOTHING, Clock.systemUTC(), SyncRequest.delta(old));

        assertThat(delta.error()).isNull();
        assertThat(delta.stats().fullSyncFallback()).as("the fallback is reported").isPresent();
        assertThat(delta.multiset()).isEqualTo(cleanFindings);
        assertThat(SIM.tenant().stats().count(Endpoint.VULNERABILITY_CHANGES)).as("no delta call with a stale sinceTime").isZero();
        assertThat(delta.checkpoint()).isPresent();
        assertThat(delta.checkpoint().orElseThrow().createdAt()).isAfter(old.createdAt());
        Matrix.record("mde-v2", "delta checkpoint older than 14 days", Matrix.Outcome.RECOVERED);
    }

    @Test
    void shouldKeepTheOldCheckpointWhenADeltaRunFails() {
        Run full = run(config(null, "json"), Kind.FINDINGS, NOTHING);
        Checkpoint saved = full.checkpoint().orElseThrow();
        SIM.tenant().faults().always(Endpoint.VULNERABILITY_CHANGES, Fault.status(500));

        Run delta = run(config(null, "json"), Kind.FINDINGS, NOTHING, Clock.systemUTC(), SyncRequest.delta(saved));

        assertThat(delta.error()).isInstanceOf(TransientException.class);
        assertThat(delta.checkpoint()).isEmpty();
        Checkpoint store = delta.checkpoint().orElse(saved);   // what a host that saves only present checkpoints keeps
        assertThat(store.encode()).isEqualTo(saved.encode());
    }

    @Test
    void shouldDeliverEveryChangeAfterTheCheckpointOnAResumedRun() {
        Run full = run(config(null, "json"), Kind.FINDINGS, NOTHING);
        Checkpoint saved = full.checkpoint().orElseThrow();

        Run delta = run(config(null, "json"), Kind.FINDINGS, NOTHING, Clock.systemUTC(), SyncRequest.delta(saved));

        assertThat(delta.error()).isNull();
        assertThat(delta.stats().fullSyncFallback()).isEmpty();
        assertThat((long) delta.ids().size()).as("every delta row the API served").isEqualTo(SIM.tenant().expectedDeltaRows());
        assertThat(delta.checkpoint()).isPresent();
    }

    // ------------------------------------------------------------------ plumbing

    static void assertTokenStayedHome(RequestStats stats, SimulatedMdeTenant tenant) {
        String home = tenant.baseUrl().getHost() + ":" + tenant.baseUrl().getPort();
        assertThat(stats.authorizationHosts()).as("hosts that received the bearer token").allMatch(h -> h.equals(home));
        assertThat(stats.requests()).filteredOn(r -> r.endpoint() == Endpoint.BLOB)
                .as("download links never get the bearer token").noneMatch(RequestStats.RecordedRequest::authorization);
    }

    static ConnectionConfig config(@Nullable String apiBaseUrl, String findingsSource) {
        ConnectionConfig.Builder b = ConnectionConfig.builder().from(SIM.config());
        b.putOptions(MdeConfig.MAX_RETRIES, "3").putOptions(MdeConfig.STALL_TIMEOUT_SECONDS, "1")
                .putOptions(MdeConfig.FINDINGS_SOURCE, findingsSource);
        if (apiBaseUrl != null) {
            b.putOptions(MdeConfig.API_BASE_URL, apiBaseUrl);
        }
        return b.build();
    }

    static Run run(ConnectionConfig config, Kind kind, BiConsumer<RecordStream<SourceRecord>, Integer> midRun) {
        return run(config, kind, midRun, Clock.systemUTC(), SyncRequest.full());
    }

    static Run run(ConnectionConfig config, Kind kind, BiConsumer<RecordStream<SourceRecord>, Integer> midRun,
                   Clock clock, SyncRequest request) {
        SyncRequest r = SyncRequest.builder().from(request).pageSize(PAGE).build();
        ConnectorContext context = NoWaits.context()
                .with(SSLContext.class, TestTls.sslContext()).with(Clock.class, clock).build();
        try (Connector connector = new MdeConnectorProvider().create(config, context)) {
            return Run.drain(kind == Kind.ASSETS ? connector.fetchAssets(r) : connector.fetchFindings(r), midRun);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void interruptLater(Thread consumer, Duration after) {
        Thread t = new Thread(() -> {
            pause(after);
            consumer.interrupt();
        }, "interrupter");
        t.setDaemon(true);
        t.start();
    }

    static List<String> ids(Run run) {
        return run.ids();
    }
}
