package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stats of a sampled sync (assets, then findings, on one connector, as the CLI runs it)
 * against the simulated MDE tenant: the sampling scan's requests count, its pages, records and
 * notices do not (the findings stream reads and reports the export itself).
 */
class MdeSampledSyncStatsTest {
    static final int PAGE = 100;
    static final String WITHOUT_CVE = "software rows without a CVE id";

    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(7).machines(40).vulnerabilitiesPerMachine(5).machinesPageSize(10)
                    .inventoryRowShare(0.05))
            .build();

    private static Connector connector() {
        ConnectionConfig config = ConnectionConfig.builder().from(sim.config())
                .putOptions(MdeConfig.FINDINGS_SOURCE, "json").build();
        return new MdeConnectorProvider().create(config,
                MdeTestSupport.contextBuilder(new VirtualWaits()).build());
    }

    private static SyncRequest sampled() {
        return SyncRequest.builder().sampling(true).pageSize(PAGE).build();
    }

    private static List<SourceRecord> drain(RecordStream<SourceRecord> s) {
        List<SourceRecord> out = new ArrayList<>();
        s.forEachRemaining(out::add);
        return out;
    }

    private static long apiCalls(SimulatedMdeTenant t) {
        return t.stats().count(Endpoint.MACHINES) + t.stats().count(Endpoint.VULNERABILITIES);
    }

    @Test
    void shouldReportTheRowsWithoutACveIdOnceAndNoMorePagesThanCallsInASampledSync() {
        SimulatedMdeTenant t = sim.tenant();
        assertThat(t.expectedInventoryRows()).as("the tenant has inventory rows").isPositive();
        try (Connector c = connector();
             RecordStream<SourceRecord> assets = c.fetchAssets(sampled());
             RecordStream<SourceRecord> findings = c.fetchFindings(sampled())) {
            List<SourceRecord> machines = drain(assets);
            List<SourceRecord> rows = drain(findings);
            SyncStats a = assets.stats();
            SyncStats f = findings.stats();

            assertThat(Stream.concat(a.notices().stream(), f.notices().stream()).filter(n -> n.contains(WITHOUT_CVE)))
                    .as("asset notices %s, finding notices %s", a.notices(), f.notices()).hasSize(1);
            assertThat(f.notices()).anyMatch(n -> n.contains(WITHOUT_CVE));
            assertThat(a.requests() + f.requests()).as("every API call counted once").isEqualTo(apiCalls(t));
            assertThat(a.pages() + f.pages()).as("pages %s + %s, calls %s + %s", a.pages(), f.pages(), a.requests(),
                    f.requests()).isLessThanOrEqualTo(a.requests() + f.requests());
            assertThat(f.pages()).as("the findings stream's own JSON pages").isEqualTo(t.expectedFindingPages(PAGE));
            assertThat(a.pages()).as("the sampled assets: one page").isEqualTo(1);
            assertThat(a.records()).isEqualTo(machines.size()).isPositive();
            assertThat(f.records()).isEqualTo(rows.size()).isPositive();
        }
    }

    @Test
    void shouldCountTheScanOnceWhenTheFindingsAreReadFirst() {
        SimulatedMdeTenant t = sim.tenant();
        try (Connector c = connector();
             RecordStream<SourceRecord> findings = c.fetchFindings(sampled());
             RecordStream<SourceRecord> assets = c.fetchAssets(sampled())) {
            List<SourceRecord> rows = drain(findings);
            List<SourceRecord> machines = drain(assets);
            SyncStats a = assets.stats();
            SyncStats f = findings.stats();

            assertThat(f.notices().stream().filter(n -> n.contains(WITHOUT_CVE))).as("%s", f.notices()).hasSize(1);
            assertThat(a.notices()).noneMatch(n -> n.contains(WITHOUT_CVE));
            assertThat(a.requests() + f.requests()).isEqualTo(apiCalls(t));
            assertThat(f.pages()).isEqualTo(t.expectedFindingPages(PAGE));
            assertThat(f.pages()).isLessThanOrEqualTo(f.requests());
            assertThat(a.requests()).as("the cached selection: no call").isZero();
            assertThat(a.records()).isEqualTo(machines.size()).isPositive();
            assertThat(f.records()).isEqualTo(rows.size()).isPositive();
        }
    }
}
