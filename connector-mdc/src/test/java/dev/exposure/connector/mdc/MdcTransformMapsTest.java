package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MdcTransformMapsTest extends MockedMdcApiTest {
    private static final MdcConnectorProvider PROVIDER = new MdcConnectorProvider();
    private static final String JIT = "3b20e985-f71f-483b-b078-f30d73936d43";

    private Transformer transformer;

    @BeforeEach
    void setUp() throws IOException {
        mock.standard();
        ConnectorDescriptor d = PROVIDER.descriptor();
        TransformMap assets;
        TransformMap findings;
        RiskSeverityMapping severity;
        try (InputStream a = PROVIDER.openResource(d.transformMaps().get(0)).orElseThrow();
             InputStream f = PROVIDER.openResource(d.transformMaps().get(1)).orElseThrow();
             InputStream s = PROVIDER.openResource(d.severityMapping().orElseThrow()).orElseThrow()) {
            assets = TransformMap.fromJson(a);
            findings = TransformMap.fromJson(f);
            severity = RiskSeverityMapping.fromJson(s);
        }
        transformer = Transformer.builder().assetMap(assets).findingMap(findings).severityMapping(severity)
                .errorPolicy(ErrorPolicy.FAIL).clock(Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    private <T> List<T> drain(TransformedStream<T> stream) {
        List<T> out = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(out::add);
            assertThat(stream.report().skipped()).isZero();
        }
        return out;
    }

    @Test
    void shouldShipMapsAndSeverityMappingNamedInTheDescriptor() throws IOException {
        assertThat(PROVIDER.descriptor().transformMaps())
                .containsExactly("mdc-vm/asset-transform-map.json", "mdc-vm/finding-transform-map.json");
        try (InputStream s = PROVIDER.openResource("mdc-vm/risk-severity-mapping.json").orElseThrow()) {
            RiskSeverityMapping mapping = RiskSeverityMapping.fromJson(s);
            assertThat(mapping.defaultLevel()).isEqualTo(RiskSeverityMapping.mdcDefault().defaultLevel());
            assertThat(mapping.toJson()).isEqualTo(RiskSeverityMapping.mdcDefault().toJson());
        }
    }

    @Test
    void shouldTransformVmRecordsIntoAssetsAsTheSpecsTableSays() {
        RecordStream<SourceRecord> source = mock.connector().fetchAssets(SyncRequest.full());
        Map<String, Asset> assets = drain(transformer.assets(source)).stream()
                .collect(Collectors.toMap(a -> a.assetName().orElseThrow(), Function.identity()));

        Asset web = assets.get("web-01");
        assertThat(web.externalAssetId()).isEqualTo("6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61");
        assertThat(web.source()).isEqualTo("Defender for Cloud");
        assertThat(web.hostName()).contains("web-01");
        // the guest-reported OS (properties.extended.instanceView) wins over the image reference
        assertThat(web.operatingSystemName()).contains("ubuntu");
        assertThat(web.operatingSystemVersion()).contains("22.04");
        assertThat(web.tags()).containsExactly("env:prod", "owner:web-team");
        assertThat(web.macAddress()).contains("00:0d:3a:1b:c7:21");
        assertThat(web.ipAddress()).contains("51.124.10.20");
        assertThat(web.publicIpAddresses()).containsExactly("51.124.10.20");
        assertThat(web.ipAddresses()).contains("10.0.0.4", "51.124.10.20");
        assertThat(web.cloud()).hasValueSatisfying(c -> {
            assertThat(c.provider()).contains("Azure");
            assertThat(c.accountId()).contains(MdcMock.SUB_A);
            assertThat(c.region()).contains("westeurope");
            assertThat(c.resourceGroup()).contains("rg-prod");
        });

        Asset legacy = assets.get("legacy-03");
        assertThat(legacy.operatingSystemName()).contains("Linux");
        assertThat(legacy.hostName()).isEmpty();
        assertThat(legacy.ipAddress()).contains("10.20.0.7");
        assertThat(legacy.macAddresses()).containsExactly("60:45:bd:01:02:03");
        assertThat(assets.get("sql-02").operatingSystemName()).contains("WindowsServer");
        assertThat(assets.get("sql-02").operatingSystemVersion()).contains("20348.2849.241106");
        assertThat(assets.get("sql-02").macAddresses()).containsExactly("00:22:48:aa:bb:01", "00:22:48:aa:bb:02");
    }

    @Test
    void shouldTransformAssessmentsIntoMisconfigurationFindingsAsTheSpecsTableSays() {
        RecordStream<SourceRecord> source = mock.connector().fetchFindings(SyncRequest.full());
        Map<String, Finding> findings = drain(transformer.findings(source)).stream()
                .collect(Collectors.toMap(f -> f.findingName().orElseThrow() + "@" + f.externalAssetId(),
                        Function.identity()));
        assertThat(findings).hasSize(5);

        Finding jit = findings.get(JIT + "@6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61");
        assertThat(jit.externalFindingId()).isEqualTo("/subscriptions/54505ff6-e254-4e01-a964-d0ce78bf87a9"
                + "/resourcegroups/rg-prod/providers/microsoft.compute/virtualmachines/web-01/providers"
                + "/microsoft.security/assessments/" + JIT);
        assertThat(jit.findingType()).isEqualTo(FindingType.MISCONFIGURATION);
        assertThat(jit.vendorProductName()).isEqualTo("Defender for Cloud");
        assertThat(jit.severity()).isEqualTo(4);
        assertThat(jit.vendorSeverity()).contains("High");
        assertThat(jit.findingStatus()).isEqualTo(FindingStatus.OPEN);
        assertThat(jit.vendorStatus()).contains("Unhealthy");
        assertThat(jit.findingDescription()).contains("Management ports of virtual machines should be protected with"
                + " just-in-time network access control");
        assertThat(jit.findingSubType()).contains("microsoft.security/assessments");
        assertThat(jit.firstFoundOn()).contains(Instant.parse("2026-10-01T07:29:51.8002401Z"));
        assertThat(jit.updatedOn()).contains(Instant.parse("2026-11-20T03:10:00.1234567Z"));
        assertThat(jit.recommendation()).contains("Networking");
        assertThat(jit.policyFindingUrl()).contains("https://portal.azure.com/#blade/Microsoft_Azure_Security"
                + "/RecommendationsBlade/assessmentKey/" + JIT);
        assertThat(jit.impact()).contains("Low");
        assertThat(jit.policyTitle()).contains("Management ports should be protected with JIT");
        assertThat(jit.policyDescription()).contains("Possible network Just In Time access will be monitored");
        assertThat(jit.policyId()).contains("/providers/Microsoft.Authorization/policyDefinitions"
                + "/b0f33259-77d7-4c9e-aac6-3aabcfae693c");
        assertThat(jit.remediationStrategy()).contains("Enable JIT on the VM");
        assertThat(jit.policyType()).contains("BuiltIn");
        assertThat(jit.productVendor()).contains("virtualMachines");
        assertThat(jit.productName()).contains("Microsoft.Compute");
        assertThat(jit.attributes()).containsEntry("complianceResult", "FAIL")
                .containsEntry("statusCause", "ManagementPortsAreOpenToAllSources");

        Finding notApplicable = findings.get("4ab6e3c5-74dd-8b35-9ab9-f61b30875b27@0c7e5d4b-3a29-4f18-8e07-6d5c4b3a2910");
        assertThat(notApplicable.severity()).isEqualTo(3);
        assertThat(notApplicable.vendorSeverity()).isEmpty();
        assertThat(notApplicable.findingStatus()).isEqualTo(FindingStatus.CLOSED);
        assertThat(findings.get("d57a4221-a804-52ca-3dea-768284f06bb7@6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61")
                .findingStatus()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(findings.get("c0b7cfc6-3172-465a-b378-53c7ff2cc0d5@9d8c7b6a-5f4e-4d3c-8b2a-190817263544")
                .severity()).isEqualTo(3);
    }
}
