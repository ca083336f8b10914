package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.SimulatedForeignHost;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector against the testkit's simulated MDE tenant (real token endpoint, paging, delta,
 * file export, documented rate limits enforced on the simulated clock), end to end through the
 * shipped transform maps, with faults injected page by page.
 */
class MdeSimulatedTenantTest {
    static final int PAGE = 1_000;

    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(11).machines(250).vulnerabilitiesPerMachine(20).machinesPageSize(100)
                    .duplicateShare(0.02).nonCveShare(0.03).inventoryRowShare(0.01).casingDriftShare(0.1)
                    .nullShare(0.1).changeShare(0.05).filePartRows(1_500).enforceRateLimits(true))
            .build();

    /** Waits move the simulated clock, so budgets and Retry-After play out in simulated time. */
    static final class SimTiming implements dev.exposure.connector.azure.http.Waits {
        private long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now += d.toNanos();
            sim.tenant().advanceClock(d);
        }
    }

    private static Connector connector(String findingsSource) {
        ConnectionConfig config = ConnectionConfig.builder().from(sim.config())
                .putOptions(MdeConfig.FINDINGS_SOURCE, findingsSource).putOptions(MdeConfig.MAX_RETRIES, "3").build();
        ConnectorContext context = ConnectorContext.builder()
                .with(com.azure.core.http.HttpClient.class, dev.exposure.connector.testkit.TestTls.trustingHttpClient())
                .with(javax.net.ssl.SSLContext.class, dev.exposure.connector.testkit.TestTls.sslContext())
                .with(dev.exposure.connector.azure.http.Waits.class, new SimTiming())
                .with(dev.exposure.connector.azure.http.Timing.class, MdeTestSupport.NO_BACKOFF)
                .with(Clock.class, Clock.fixed(sim.tenant().now(), java.time.ZoneOffset.UTC))
                .build();
        return new MdeConnectorProvider().create(config, context);
    }

    private static Transformer transformer() {
        MdeConnectorProvider p = new MdeConnectorProvider();
        try (InputStream a = p.openResource(MdeConnectorProvider.ASSET_MAP).orElseThrow();
             InputStream f = p.openResource(MdeConnectorProvider.VULNERABILITY_MAP).orElseThrow()) {
            return Transformer.builder().assetMap(TransformMap.fromJson(a)).findingMap(TransformMap.fromJson(f))
                    .severityMapping(dev.exposure.connector.transform.RiskSeverityMapping.mdeDefault())
                    .clock(Clock.systemUTC()).errorPolicy(ErrorPolicy.FAIL).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> List<T> all(RecordStream<T> s) {
        List<T> out = new ArrayList<>();
        try (s) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    private static SyncRequest full() {
        return SyncRequest.builder().pageSize(PAGE).build();
    }

    @Test
    void shouldDeliverEveryMachineAndEveryDistinctFindingExactlyOnceFromJsonPages() {
        SimulatedMdeTenant t = sim.tenant();
        try (Connector c = connector("json")) {
            assertThat(all(transformer().assets(c.fetchAssets(full())))).hasSize(t.expectedMachines());
            RecordStream<SourceRecord> raw = c.fetchFindings(full());
            TransformedStream<Finding> findings = transformer().findings(raw);
            List<Finding> list = all(findings);

            assertThat(list).hasSize((int) (t.expectedDistinctFindings() - t.expectedInventoryRows()));
            assertThat(raw.stats().records() + inventorySkipped(raw)).isEqualTo(t.expectedRawFindingRows());
            assertThat(findings.report().duplicatesRemoved()).isEqualTo(raw.stats().records() - list.size())
                    .isPositive();
            assertThat(list.stream().filter(f -> f.cveIds().isEmpty()).count()).isEqualTo(t.expectedNonCveFindings());
            assertThat(findings.checkpoint()).isPresent();
        }
        assertThat(t.stats().peakPerMinute(Endpoint.VULNERABILITIES)).isLessThanOrEqualTo(30);
    }

    @Test
    void shouldDeliverTheSameFindingsFromTheFileExport() {
        SimulatedMdeTenant t = sim.tenant();
        try (Connector c = connector("files")) {
            RecordStream<SourceRecord> raw = c.fetchFindings(full());
            TransformedStream<Finding> findings = transformer().findings(raw);
            assertThat(all(findings)).hasSize((int) (t.expectedDistinctFindings() - t.expectedInventoryRows()));
            assertThat(raw.stats().records() + inventorySkipped(raw)).isEqualTo(t.expectedRawFindingRows());
        }
        assertThat(t.stats().count(Endpoint.BLOB)).isEqualTo(t.expectedExportFiles());
        assertThat(t.stats().requests().stream().filter(r -> r.endpoint() == Endpoint.BLOB))
                .isNotEmpty().noneMatch(r -> r.authorization());
    }

    @Test
    void shouldReadEveryDeltaChangeFromItsOwnCheckpoint() {
        SimulatedMdeTenant t = sim.tenant();
        Checkpoint checkpoint;
        try (Connector c = connector("json")) {
            RecordStream<SourceRecord> first = c.fetchFindings(full());
            all(first);
            checkpoint = Checkpoint.decode(first.checkpoint().orElseThrow().encode());
        }
        try (Connector c = connector("json")) {
            RecordStream<SourceRecord> delta = c.fetchFindings(SyncRequest.builder().mode(SyncRequest.Mode.DELTA)
                    .checkpoint(checkpoint).pageSize(PAGE).build());
            List<Finding> changes = all(transformer().findings(delta));
            assertThat(delta.stats().fullSyncFallback()).isEmpty();
            Map<FindingStatus, Long> byStatus = changes.stream()
                    .collect(Collectors.groupingBy(Finding::findingStatus, Collectors.counting()));
            assertThat(delta.stats().records() + inventorySkipped(delta)).isEqualTo(t.expectedDeltaRows());
            assertThat(byStatus.keySet()).containsExactlyInAnyOrder(FindingStatus.OPEN, FindingStatus.ACTIVE,
                    FindingStatus.RESOLVED);
            assertThat(byStatus.get(FindingStatus.OPEN))
                    .isBetween(t.expectedDeltaRows(SimulatedMdeTenant.DeltaStatus.NEW) - t.expectedInventoryRows(),
                            t.expectedDeltaRows(SimulatedMdeTenant.DeltaStatus.NEW));
        }
    }

    @Test
    void shouldNeverSendTheTokenToAForeignNextLinkHost() {
        try (SimulatedForeignHost foreign = new SimulatedForeignHost().start(); Connector c = connector("json")) {
            sim.tenant().faults().onPage(Endpoint.MACHINES, 1, Fault.foreignNextLink(foreign.baseUrl()));
            Throwable e = catchThrowable(() -> all(c.fetchAssets(full())));
            assertThat(e).isInstanceOf(DataException.class).hasMessageContaining("127.0.0.1");
            assertThat(foreign.stats().total()).isZero();
        }
    }

    @Test
    void shouldKeepOnlyFilteredMachinesWhenTheNextLinkLosesTheFilter() {
        SimulatedMdeTenant t = sim.tenant();
        sim.tenant().faults().always(Endpoint.MACHINES, Fault.mangledFilterNextLink());
        String filter = "osPlatform eq 'Windows11'";
        try (Connector c = connector("json")) {
            List<SourceRecord> machines = all(c.fetchAssets(SyncRequest.builder().filter(filter).build()));
            assertThat(machines).hasSize(t.expectedMachines(filter))
                    .allSatisfy(m -> assertThat(String.valueOf(m.attribute("osPlatform"))).isEqualToIgnoringCase("Windows11"));
        }
    }

    enum Outcome { RECOVERED, FAILED }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.throttle(Duration.ofSeconds(2)), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.VULNERABILITIES, 1, Fault.throttleWithoutRetryAfter(), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.VULNERABILITIES, 3, Fault.status(503), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.status(500), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.resetMidBody(), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.expireToken(), Outcome.RECOVERED, null),
                Arguments.of(Endpoint.BLOB, 2, Fault.sasExpiredMidDownload(), Outcome.RECOVERED, "files"),
                Arguments.of(Endpoint.BLOB, 1, Fault.resetMidBody(), Outcome.RECOVERED, "files"),
                Arguments.of(Endpoint.FILE_EXPORT, 1, Fault.status(502), Outcome.RECOVERED, "files"),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.truncateMidBody(), Outcome.FAILED, DataException.class),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.wrongShape(), Outcome.FAILED, DataException.class),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.emptyBody(), Outcome.FAILED, DataException.class),
                Arguments.of(Endpoint.VULNERABILITIES, 2, Fault.nextLinkLoop(), Outcome.FAILED, DataException.class),
                Arguments.of(Endpoint.VULNERABILITIES, 3, Fault.repeatPage(), Outcome.FAILED, DataException.class),
                Arguments.of(Endpoint.VULNERABILITIES, 1, Fault.forbidden(), Outcome.FAILED, AuthorizationException.class));
    }

    @ParameterizedTest(name = "{2} on {0} page {1}")
    @MethodSource("faults")
    void shouldRecoverOrFailTypedWithoutAdvancingTheCheckpoint(Endpoint endpoint, int page, Fault fault,
                                                               Outcome outcome, @Nullable Object detail) {
        SimulatedMdeTenant t = sim.tenant();
        String source = "files".equals(detail) ? "files" : "json";
        t.faults().onPage(endpoint, page, fault);
        try (Connector c = connector(source)) {
            RecordStream<SourceRecord> raw = c.fetchFindings(full());
            TransformedStream<Finding> findings = transformer().findings(raw);
            List<Finding> got = new ArrayList<>();
            Throwable error = catchThrowable(() -> findings.forEachRemaining(got::add));
            if (outcome == Outcome.RECOVERED) {
                assertThat(error).as("error").isNull();
                assertThat(got).hasSize((int) (t.expectedDistinctFindings() - t.expectedInventoryRows()));
                assertThat(findings.checkpoint()).isPresent();
            } else {
                assertThat(error).isInstanceOf(ConnectorException.class).isInstanceOf((Class<?>) detail);
                assertThat(findings.checkpoint()).isEmpty();
                assertThat(raw.checkpoint()).isEmpty();
            }
            findings.close();
        }
    }

    /** The inventory rows (no CVE id) the connector skipped, from its notice. */
    static long inventorySkipped(RecordStream<SourceRecord> s) {
        return s.stats().notices().stream().filter(n -> n.contains("without a CVE id"))
                .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf(' ')))).sum();
    }
}
