package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.Connector;
import dev.exposure.connector.mdc.MdcConnectorProvider;
import dev.exposure.connector.mde.MdeConnectorProvider;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformReport;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Guarantee 3 (duplicates collapse and are counted) end to end through the shipped maps, and
 * the self-checks that make the secret scan of the fault matrix meaningful: the capturing slf4j
 * binding is the one in use, sees the connectors' and Azure SDK's lines at TRACE, and the scan
 * does find a planted secret or token.
 */
class GuaranteesTest {

    @RegisterExtension
    static final SimulatedMdeTenantExtension MDE = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(11).machines(20).vulnerabilitiesPerMachine(10).duplicateShare(0.1)).build();

    @RegisterExtension
    static final SimulatedAzureTenantExtension MDC = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(11).vms(8).assessmentsPerVm(5).quota(10_000, java.time.Duration.ofSeconds(5))).build();

    @Test
    void shouldCollapseApiDuplicatesAndReportRawDeliveredAndRemovedCountsForMde() {
        assertThat(MDE.tenant().expectedDuplicateRows()).as("the tenant serves duplicates").isPositive();
        MdeConnectorProvider provider = new MdeConnectorProvider();
        Transformer transformer = transformer(provider, MdeConnectorProvider.VULNERABILITY_MAP, RiskSeverityMapping.mdeDefault());
        List<Finding> findings = new ArrayList<>();
        TransformReport report;
        try (Connector c = provider.create(MDE.config(), NoWaits.context()
                .with(SSLContext.class, TestTls.sslContext()).build());
             TransformedStream<Finding> s = transformer.findings(c.fetchFindings(SyncRequest.builder().pageSize(37).build()))) {
            s.forEachRemaining(findings::add);
            report = s.report();
            assertThat(s.checkpoint()).as("the checkpoint passes through the transform").isPresent();
        }
        assertThat(report.raw()).isEqualTo(MDE.tenant().expectedRawFindingRows());
        assertThat(report.delivered()).isEqualTo(MDE.tenant().expectedDistinctFindings()).isEqualTo(findings.size());
        assertThat(report.duplicatesRemoved()).isEqualTo(MDE.tenant().expectedDuplicateRows());
        assertThat(report.skipped()).isZero();
    }

    @Test
    void shouldCollapseARedeliveredPageInDedupForMdc() {
        // the 429 on page 2 makes the connector re-request it; every assessment still arrives exactly once
        MDC.tenant().faults().onPage(Endpoint.RESOURCE_GRAPH, 2, Fault.throttleWithoutRetryAfter());
        MdcConnectorProvider provider = new MdcConnectorProvider();
        Transformer transformer = transformer(provider, "mdc-vm/finding-transform-map.json", RiskSeverityMapping.mdcDefault());
        TransformReport report;
        try (Connector c = new MdcConnectorProvider().create(MDC.config(), NoWaits.mdcContext()
                .with(SSLContext.class, TestTls.sslContext()).build());
             TransformedStream<Finding> s = transformer.findings(c.fetchFindings(SyncRequest.builder().pageSize(7).build()))) {
            s.forEachRemaining(f -> { });
            report = s.report();
            assertThat(s.stats().retries()).as("the page was retried").isPositive();
        }
        assertThat(report.raw()).isEqualTo(MDC.tenant().expectedAssessments());
        assertThat(report.delivered() + report.duplicatesRemoved()).isEqualTo(report.raw());
        assertThat(report.delivered()).isEqualTo(MDC.tenant().expectedAssessments());
    }

    @Test
    void shouldCaptureEveryLogLineAtTraceThroughTheCapturingBinding() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith(CapturingSlf4jProvider.class.getName());
        int mark = CapturedLogs.mark();
        try (Connector c = new MdeConnectorProvider().create(MDE.config(), NoWaits.context()
                .with(SSLContext.class, TestTls.sslContext()).build());
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            s.forEachRemaining(r -> { });
        }
        List<String> lines = CapturedLogs.since(mark);
        assertThat(lines).as("lines of the connector").anyMatch(l -> l.contains("dev.exposure.connector.mde"));
        assertThat(lines).as("lines of the Azure SDK / MSAL at DEBUG or TRACE")
                .anyMatch(l -> (l.startsWith("DEBUG") || l.startsWith("TRACE")) && (l.contains("com.azure") || l.contains("com.microsoft")));
    }

    @Test
    void shouldFindAPlantedSecretOrTokenSoTheScanCanFail() {
        String secret = MDE.tenant().clientSecret();
        assertThatThrownBy(() -> SecretScan.selfCheck().add("config: clientSecret=" + secret).assertNoLeak(secret))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> SecretScan.selfCheck().add(new IllegalStateException("outer",
                        new RuntimeException("Bearer sim-0123456789abcdef-3"))).assertNoLeak(secret))
                .isInstanceOf(AssertionError.class);
        RuntimeException suppressed = new RuntimeException("outer");
        suppressed.addSuppressed(new RuntimeException("leaked " + secret));
        assertThatThrownBy(() -> SecretScan.selfCheck().add(suppressed).assertNoLeak(secret)).isInstanceOf(AssertionError.class);
        SecretScan.selfCheck().add("nothing to see").assertNoLeak(secret);
    }

    @Test
    void shouldNeverPutTheSecretIntoTheConfigOrSecretToString() {
        String secret = MDE.tenant().clientSecret();
        new SecretScan().add(MDE.config()).add(MDE.config().clientSecret().orElseThrow()).add(MDC.config())
                .assertNoLeak(secret, MDC.tenant().clientSecret());
        assertThat(MDE.config().clientSecret().orElseThrow().reveal()).as("the secret is there to be masked").isEqualTo(secret);
    }

    static Transformer transformer(ConnectorProvider provider, String mapName, RiskSeverityMapping severity) {
        try (InputStream in = provider.openResource(mapName).orElseThrow()) {
            return Transformer.builder().findingMap(TransformMap.fromJson(in)).severityMapping(severity)
                    .clock(Clock.systemUTC()).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
