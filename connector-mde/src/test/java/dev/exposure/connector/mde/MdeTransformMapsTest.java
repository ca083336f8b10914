package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.QdsSource;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MdeTransformMapsTest extends MockedMdeApiTest {
    @BeforeEach
    void stubTheMachineIndex() {
        stubMachineIndex(wm);
    }

    static final String FULL = "/api/machines/SoftwareVulnerabilitiesByMachine";

    private final MdeConnectorProvider provider = new MdeConnectorProvider();
    private TransformMap map(String name) throws Exception {
        try (InputStream in = provider.openResource(name).orElseThrow()) {
            return TransformMap.fromJson(in);
        }
    }

    private Transformer transformer() throws Exception {
        RiskSeverityMapping severity;
        try (InputStream in = provider.openResource(provider.descriptor().severityMapping().orElseThrow())
                .orElseThrow()) {
            severity = RiskSeverityMapping.fromJson(in);
        }
        return Transformer.builder().assetMap(map(MdeConnectorProvider.ASSET_MAP))
                .findingMap(map(MdeConnectorProvider.VULNERABILITY_MAP)).severityMapping(severity)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).errorPolicy(ErrorPolicy.FAIL).build();
    }

    private static <T> List<T> all(TransformedStream<T> s) {
        List<T> out = new ArrayList<>();
        try (s) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldShipBothMapsAndTheSeverityMappingInTheDescriptor() throws Exception {
        assertThat(provider.descriptor().transformMaps()).containsExactly(MdeConnectorProvider.ASSET_MAP,
                MdeConnectorProvider.VULNERABILITY_MAP);
        assertThat(map(MdeConnectorProvider.ASSET_MAP).name()).isEqualTo("MDE V2 Asset Transformation Map");
        assertThat(map(MdeConnectorProvider.VULNERABILITY_MAP).name())
                .isEqualTo("MDE V2 Vulnerability Transformation Map");
    }

    @Test
    void shouldTransformMachinesIntoValidAssetsDroppingTheApisDuplicate() throws Exception {
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                .willReturn(json(fixture("mde-machines-page1.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2"))
                .willReturn(json(fixture("mde-machines-page2.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("3"))
                .willReturn(json(fixture("mde-machines-page3.json", wm))));
        try (Connector c = connector(wm, timing)) {
            TransformedStream<Asset> s = transformer().assets(c.fetchAssets(SyncRequest.full()));
            List<Asset> assets = all(s);

            assertThat(assets).hasSize(4).allSatisfy(a -> assertThat(a.source()).isEqualTo("MS Defender"));
            assertThat(s.report().duplicatesRemoved()).isEqualTo(1);
            Asset ws = assets.get(0);
            assertThat(ws.externalAssetId()).isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
            assertThat(ws.hostName()).contains("ws-finance-01.contoso.test");
            assertThat(ws.ipAddress()).contains("10.1.4.22");
            assertThat(ws.ipAddresses()).contains("10.1.4.22").doesNotContain("127.0.0.1");
            assertThat(ws.publicIpAddresses()).containsExactly("203.0.113.7");
            assertThat(ws.macAddresses()).containsExactly("00:50:56:9a:1b:2c");
            assertThat(ws.tags()).containsExactly("finance", "vip");
            assertThat(ws.lastSeen()).contains(Instant.parse("2026-11-20T07:45:03.7791856Z"));
            assertThat(ws.cloud()).hasValueSatisfying(cl -> assertThat(cl.accountId())
                    .contains("00000000-0000-4000-8000-000000000001"));
            assertThat(ws.criticality()).contains(5);
            Asset linux = assets.get(1);
            assertThat(linux.hostName()).contains("lnx-build-7");
            assertThat(linux.healthStatus()).contains("Inactive");
            assertThat(linux.onboardingStatus()).contains("Onboarded");
            assertThat(linux.riskLevel()).contains("None");
            Asset mac = assets.get(2);
            assertThat(mac.macAddresses()).isEmpty();
            assertThat(mac.riskLevel()).contains("Medium");
            assertThat(mac.exposureLevel()).contains("High");
        }
    }

    @Test
    void shouldTransformVulnerabilityRowsIntoValidFindings() throws Exception {
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
        try (Connector c = connector(config(wm).findingsSource("json").build(), timing)) {
            TransformedStream<Finding> s = transformer().findings(c.fetchFindings(SyncRequest.full()));
            List<Finding> findings = all(s);

            assertThat(findings).hasSize(4).allSatisfy(f -> {
                assertThat(f.vendorProductName()).isEqualTo("Defender");
                assertThat(f.findingStatus()).isEqualTo(FindingStatus.OPEN);
            });
            assertThat(s.report().duplicatesRemoved()).isEqualTo(1);
            Finding firefox = findings.get(0);
            assertThat(firefox.cveIds()).containsExactly("CVE-2024-9680");
            assertThat(firefox.severity()).isEqualTo(5);
            assertThat(firefox.qdsSource()).isEqualTo(QdsSource.CVE_DATA);
            assertThat(firefox.qds()).isEqualTo(98);
            assertThat(firefox.lastFoundOn()).contains(Instant.parse("2026-11-20T07:45:03.7791856Z"));
            assertThat(firefox.firstFoundOn()).contains(Instant.parse("2026-10-10T11:07:15Z"));
            assertThat(firefox.exploitability()).contains("ExploitIsInKit");
            Finding tvm = findings.get(1);
            assertThat(tvm.cveIds()).isEmpty();
            assertThat(tvm.findingName()).contains("TVM-2024-0007");
            assertThat(tvm.severity()).isEqualTo(3);
            assertThat(tvm.qdsSource()).isEqualTo(QdsSource.SEVERITY_MAPPING);
            assertThat(tvm.fixingKbId()).contains("5046617");
            assertThat(findings.get(3).externalFindingId())
                    .isEqualTo("00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff_microsoft_sql_server_2019_15.0.4395.2_CVE-2024-49021");
        }
    }

    @Test
    void shouldTurnDeltaStatusesIntoOpenActiveAndResolvedFindings() throws Exception {
        wm.stubFor(getPath("/api/machines/SoftwareVulnerabilityChangesByMachine")
                .willReturn(json(fixture("mde-delta-page1.json", wm))));
        Checkpoint previous = Checkpoint.builder().connectorId("mde-v2").scope(TENANT)
                .position(NOW.minus(Duration.ofDays(1)).toString()).createdAt(NOW.minus(Duration.ofDays(1)))
                .putAttributes("lastFullSync", NOW.minus(Duration.ofDays(2)).toString()).build();
        try (Connector c = connector(wm, timing)) {
            List<Finding> findings = all(transformer().findings(c.fetchFindings(SyncRequest.delta(previous))));
            assertThat(findings).extracting(Finding::findingStatus).containsExactly(FindingStatus.RESOLVED,
                    FindingStatus.OPEN, FindingStatus.ACTIVE);
            assertThat(findings).extracting(f -> f.vendorStatus().orElseThrow()).containsExactly("Fixed", "New",
                    "Updated");
            assertThat(findings.get(1).updatedOn()).contains(Instant.parse("2026-11-21T12:00:00Z"));
            assertThat(findings.get(0).attributes()).containsEntry("isOnboarded", "true");
            assertThat(findings.get(2).attributes()).doesNotContainKey("isOnboarded");
        }
    }

    @Test
    void shouldTransformPascalCaseFileExportRowsLikeJsonRows() throws Exception {
        wm.stubFor(getPath("/api/machines/SoftwareVulnerabilitiesExport").willReturn(json(
                "{\"exportFiles\":[\"" + wm.baseUrl() + "/blob/part-0.json.gz?sig=abc\"],\"generatedTime\":\"x\"}")));
        wm.stubFor(getPath("/blob/part-0.json.gz").willReturn(aResponse().withStatus(200)
                .withBody(gzip(fixture("mde-export-part0.jsonl")))));
        try (Connector c = connector(config(wm).findingsSource("files").build(), timing)) {
            List<Finding> findings = all(transformer().findings(c.fetchFindings(SyncRequest.full())));
            assertThat(findings).hasSize(2);
            assertThat(findings.get(0).externalFindingId())
                    .isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07_mozilla_firefox_128.0.0.0_CVE-2024-9680");
            assertThat(findings.get(0).productName()).contains("firefox");
            assertThat(findings.get(0).attributes()).containsEntry("osPlatform", "Windows11");
            assertThat(findings.get(0).attributes()).containsEntry("isOnboarded", "true")
                    .doesNotContainKeys("cveBatchTitle", "cveBatchUrl");
            assertThat(findings.get(1).attributes())
                    .containsEntry("cveBatchTitle", "November 2024 Security Updates")
                    .containsEntry("cveBatchUrl", "https://msrc.microsoft.com/update-guide/releaseNote/2024-Nov");
        }
    }
}
