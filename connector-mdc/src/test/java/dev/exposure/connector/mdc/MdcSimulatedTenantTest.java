package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector, through its public API, against the testkit's independently written simulated Azure tenant. */
class MdcSimulatedTenantTest {
    @RegisterExtension
    static final SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(7).subscriptionCount(3).vms(1_200).assessmentsPerVm(2).cidrIpConfigEvery(5).quota(1_000,
                    java.time.Duration.ofSeconds(5)))
            .build();

    private Connector connector() {
        return Connectors.load().require(MdcConnectorProvider.ID).create(azure.config(), azure.context());
    }

    @Test
    void shouldDeliverEveryVmAndEveryAssessmentOfASimulatedTenantOnce() {
        SimulatedAzureTenant tenant = azure.tenant();
        Set<String> assets = new HashSet<>();
        Set<String> findings = new HashSet<>();
        long withMac = 0;
        try (Connector c = connector()) {
            try (RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
                while (s.hasNext()) {
                    SourceRecord r = s.next();
                    assertThat(assets.add(r.sourceId())).as("asset %s delivered once", r.sourceId()).isTrue();
                    if (!((List<?>) r.attribute("macAddresses")).isEmpty()) {
                        withMac++;
                    }
                }
            }
            try (RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
                s.forEachRemaining(r -> assertThat(findings.add(r.sourceId())).isTrue());
                assertThat(s.stats().notices()).isEmpty();
            }
        }
        assertThat(assets).hasSize((int) tenant.expectedVms());
        assertThat(withMac).isEqualTo(tenant.expectedVms());
        assertThat(findings).hasSize((int) tenant.expectedAssessments());
    }

    @Test
    void shouldDeliverEveryAssessmentThenEveryVulnerabilityOfASimulatedTenantOnceWithBoth() throws Exception {
        SimulatedAzureTenant tenant = azure.tenant();
        assertThat(tenant.expectedSubAssessments()).isEqualTo(3_600);
        ConnectionConfig config = ConnectionConfig.builder().from(azure.config())
                .putOptions(MdcOptions.FINDINGS, MdcOptions.FINDINGS_BOTH).build();
        Set<String> findings = new HashSet<>();
        java.util.Map<String, Long> byStatus = new java.util.TreeMap<>();
        long vulnerabilities = 0;
        try (Connector c = Connectors.load().require(MdcConnectorProvider.ID).create(config, azure.context());
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            while (s.hasNext()) {
                SourceRecord r = s.next();
                assertThat(findings.add(r.sourceId())).as("finding %s delivered once", r.sourceId()).isTrue();
                if (r.type().equals("subAssessment")) {
                    vulnerabilities++;
                    byStatus.merge((String) r.attribute("subAssessments_status_code"), 1L, Long::sum);
                    assertThat((List<?>) r.attribute("subAssessments_cveIds")).hasSize(1);
                    assertThat(r.attributes()).containsKeys("vmId", "subAssessments_cvssV3", "subAssessments_severity");
                }
            }
            assertThat(s.stats().notices()).isEmpty();
            assertThat(s.stats().dataQuality().isEmpty()).isFalse();   // the assessments' assumed severities
            assertThat(s.stats().dataQuality().dropped()).isZero();
        }
        assertThat(vulnerabilities).isEqualTo(tenant.expectedSubAssessments());
        assertThat(findings).hasSize((int) (tenant.expectedAssessments() + tenant.expectedSubAssessments()));
        assertThat(byStatus).isEqualTo(new java.util.TreeMap<>(tenant.expectedSubAssessmentsByStatus()));
    }

    @Test
    void shouldTransformEveryVulnerabilityOfASimulatedTenantWithTheShippedMap() throws Exception {
        SimulatedAzureTenant tenant = azure.tenant();
        MdcConnectorProvider provider = new MdcConnectorProvider();
        TransformMap map;
        try (java.io.InputStream in = provider.openResource("mdc-vm/vulnerability-transform-map.json").orElseThrow()) {
            map = TransformMap.fromJson(in);
        }
        Transformer t = Transformer.builder().defaultsOf(provider).findingMap(map).errorPolicy(ErrorPolicy.FAIL)
                .strictFields(true).clock(java.time.Clock.systemUTC()).build();
        ConnectionConfig config = ConnectionConfig.builder().from(azure.config())
                .putOptions(MdcOptions.FINDINGS, MdcOptions.FINDINGS_VULNERABILITIES).build();
        long delivered = 0;
        long withKb = 0;
        try (Connector c = provider.create(config, azure.context());
             TransformedStream<Finding> s = t.findings(c.fetchFindings(SyncRequest.full()))) {
            while (s.hasNext()) {
                Finding f = s.next();
                delivered++;
                assertThat(f.findingType()).isEqualTo(FindingType.VULNERABILITY);
                assertThat(f.toString()).contains("CVE-");
                if (f.toString().contains("5040437")) {
                    withKb++;
                }
            }
            assertThat(s.report().skipped()).isZero();
            assertThat(s.report().duplicatesRemoved()).isZero();
        }
        assertThat(delivered).isEqualTo(tenant.expectedSubAssessments());
        assertThat(withKb).isPositive();
    }

    @Test
    void shouldRepairEveryCidrIpAndCountEveryAssumedSeverityOfASimulatedTenant() {
        SimulatedAzureTenant tenant = azure.tenant();
        assertThat(tenant.expectedCidrPrivateIps()).isPositive();
        try (Connector c = connector()) {
            try (RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
                s.forEachRemaining(r -> assertThat((List<?>) r.attribute("privateIpAddresses"))
                        .allSatisfy(ip -> assertThat((String) ip).doesNotContain("/")));
                DataQualityReport.Field ip = s.stats().dataQuality().field(MdcRealWorldDataTest.ASSETS,
                        MdcRealWorldDataTest.PRIVATE_IP);
                assertThat(ip.repaired()).isEqualTo(tenant.expectedCidrPrivateIps());
                assertThat(s.stats().dataQuality().dropped()).isZero();
            }
            try (RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
                s.forEachRemaining(r -> { });
                DataQualityReport.Field severity = s.stats().dataQuality().field(MdcRealWorldDataTest.FINDINGS,
                        MdcRealWorldDataTest.SEVERITY);
                assertThat(severity.repaired()).isEqualTo(tenant.expectedAssessmentsByStatus().get("NoSeverity"));
            }
        }
    }

    @Test
    void shouldPassTheConnectionTestAgainstASimulatedTenant() {
        try (Connector c = connector()) {
            ConnectionTestReport report = c.testConnection();
            assertThat(report.passed()).as(report.toString()).isTrue();
        }
    }
}
