package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.DataException;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
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

/**
 * Real-world data ({@link MdcMock#messy()}): unreadable optional fields cost that field, counted in
 * {@code stats().dataQuality()}, never the VM or the assessment; vendor data reaches the
 * transformed {@link Asset} and {@link Finding} through the shipped maps.
 */
class MdcRealWorldDataTest extends MockedMdcApiTest {
    static final String ASSETS = "mdc-vm assets";
    static final String FINDINGS = "mdc-vm findings";
    static final String PRIVATE_IP = "networkInterfaces.properties.ipConfigurations[].properties.privateIPAddress";
    static final String PUBLIC_IP = "publicIPAddresses.properties.ipAddress";
    static final String MAC = "networkInterfaces.properties.macAddress";
    static final String SEVERITY = "properties.metadata.severity";

    /** Collects the field issues a run reports to its listener. */
    static final class Issues implements SyncListener {
        final List<FieldIssue> seen = new ArrayList<>();

        @Override
        public void onFieldIssue(FieldIssue issue) {
            seen.add(issue);
        }
    }

    private final Issues issues = new Issues();
    private DataQualityReport quality;

    @BeforeEach
    void messyTenant() {
        mock.messy();
    }

    private Map<String, SourceRecord> assets(SyncRequest request) {
        List<SourceRecord> out = new ArrayList<>();
        try (RecordStream<SourceRecord> s = mock.connector().fetchAssets(request)) {
            s.forEachRemaining(out::add);
            quality = s.stats().dataQuality();
        }
        return out.stream().collect(Collectors.toMap(r -> (String) r.attribute("name"), Function.identity()));
    }

    private Map<String, SourceRecord> assets() {
        return assets(SyncRequest.builder().listener(issues).build());
    }

    private Map<String, SourceRecord> findings() {
        List<SourceRecord> out = new ArrayList<>();
        try (RecordStream<SourceRecord> s = mock.connector().fetchFindings(SyncRequest.builder().listener(issues).build())) {
            s.forEachRemaining(out::add);
            quality = s.stats().dataQuality();
        }
        return out.stream().collect(Collectors.toMap(r -> (String) r.attribute("name"), Function.identity()));
    }

    /** The shipped maps, strict: a value the connector hands over that the maps cannot read fails the test. */
    private static Transformer shippedMaps() {
        return Transformer.builder().defaultsOf(new MdcConnectorProvider()).errorPolicy(ErrorPolicy.FAIL)
                .strictFields(true).clock(Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    private Map<String, Asset> transformedAssets() {
        List<Asset> out = new ArrayList<>();
        try (TransformedStream<Asset> s = shippedMaps().assets(mock.connector().fetchAssets(SyncRequest.full()))) {
            s.forEachRemaining(out::add);
            assertThat(s.report().skipped()).isZero();
        }
        return out.stream().collect(Collectors.toMap(a -> a.assetName().orElseThrow(), Function.identity()));
    }

    private Map<String, Finding> transformedFindings() {
        List<Finding> out = new ArrayList<>();
        try (TransformedStream<Finding> s = shippedMaps().findings(mock.connector().fetchFindings(SyncRequest.full()))) {
            s.forEachRemaining(out::add);
            assertThat(s.report().skipped()).isZero();
        }
        return out.stream().collect(Collectors.toMap(f -> f.attributes().get("assetName"), Function.identity()));
    }

    // ------------------------------------------------------------------ 1. CIDR and unreadable IPs

    @Test
    void shouldKeepTheVmWhenANicIpIsInCidrFormAndRepairItToTheAddress() {
        SourceRecord vm = assets().get("cidr-01");

        assertThat(vm).isNotNull();
        assertThat(vm.attributes())
                .containsEntry("privateIpAddresses", List.of("172.20.2.4", "172.20.2.16"))
                .containsEntry("macAddresses", List.of("00:0d:3a:aa:00:01"))
                .containsEntry("networkInterfaces_macAddress", "00:0d:3a:aa:00:01")
                .containsEntry("networkInterfaces_privateIP", "172.20.2.4");
        DataQualityReport.Field ip = quality.field(ASSETS, PRIVATE_IP);
        assertThat(ip.repaired()).isEqualTo(1);
        assertThat(ip.reasons()).anySatisfy(r -> assertThat(r).contains("CIDR"));
        assertThat(ip.examples()).contains("172.20.2.16/28");
        assertThat(issues.seen).anySatisfy(i -> {
            assertThat(i.action()).isEqualTo(FieldIssue.Action.REPAIRED);
            assertThat(i.field()).isEqualTo(PRIVATE_IP);
            assertThat(i.stream()).isEqualTo(ASSETS);
        });
    }

    @Test
    void shouldDropAndCountUnreadableIpsAndKeepTheVmWithItsMacAndValidIps() {
        Map<String, SourceRecord> assets = assets();

        assertThat(assets).containsOnlyKeys("cidr-01", "multi-02", "guest-03");
        SourceRecord vm = assets.get("cidr-01");
        assertThat(vm.attributes().get("privateIpAddresses")).asList().doesNotContain("10.0.0.300");
        assertThat(vm.attributes()).containsEntry("publicIpAddresses", List.of())
                .doesNotContainKey("networkInterfaces_publicIP");
        assertThat(quality.field(ASSETS, PRIVATE_IP).dropped()).isEqualTo(1);
        assertThat(quality.field(ASSETS, PRIVATE_IP).examples()).contains("10.0.0.300");
        assertThat(quality.field(ASSETS, PUBLIC_IP).dropped()).isEqualTo(1);
        assertThat(quality.field(ASSETS, PUBLIC_IP).examples()).contains("bogus-ip");
    }

    @Test
    void shouldDeliverTheRepairedAddressesThroughTheShippedMapsWithTheVmsMac() {
        Asset vm = transformedAssets().get("cidr-01");

        assertThat(vm.ipAddress()).contains("172.20.2.4");
        assertThat(vm.ipAddresses()).containsExactly("172.20.2.4", "172.20.2.16");
        assertThat(vm.macAddress()).contains("00:0d:3a:aa:00:01");
    }

    @Test
    void shouldFailTheRunOnAnUnreadableIpInStrictModeNamingTheField() {
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> assets(SyncRequest.builder().strictFields(true).build()))
                .withMessageContaining("privateIPAddress")
                .withMessageContaining("10.0.0.300");
    }

    // ------------------------------------------------------------------ 2. other unreadable optional fields

    @Test
    void shouldDropAnUnreadableMacAndKeepTheOtherNicsMac() {
        SourceRecord vm = assets().get("multi-02");

        assertThat(vm.attributes()).containsEntry("macAddresses", List.of("00:22:48:bb:00:0a"));
        assertThat(quality.field(ASSETS, MAC).dropped()).isEqualTo(1);
        assertThat(quality.field(ASSETS, MAC).examples()).contains("not-a-mac");
        assertThat(transformedAssets().get("multi-02").macAddresses()).containsExactly("00:22:48:bb:00:0a");
    }

    @Test
    void shouldDropATagWhoseValueIsNotTextAndKeepTheOtherTags() {
        SourceRecord vm = assets().get("multi-02");

        assertThat(vm.attributes()).containsEntry("tagList", List.of("env:dev"));
        assertThat(quality.field(ASSETS, "tags").dropped()).isEqualTo(1);
        assertThat(quality.field(ASSETS, "tags").examples()).anySatisfy(e -> assertThat(e).contains("team"));
    }

    @Test
    void shouldDropACategoryThatIsNotTextAndKeepTheAssessment() {
        SourceRecord finding = findings().get("cidr-01");

        assertThat(finding).isNotNull();
        assertThat(finding.attributes()).containsEntry("assessments_recommendationCategory", "Networking");
        assertThat(quality.field(FINDINGS, "properties.metadata.categories[]").dropped()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ 3. network identity

    @Test
    void shouldKeepLinkLocalAndLoopbackAddressesOutOfTheAssetsIpListsButInItsNicDetails() {
        SourceRecord vm = assets().get("multi-02");

        assertThat(vm.attributes()).containsEntry("privateIpAddresses", List.of("10.5.0.4", "10.5.1.4"));
        List<?> nics = (List<?>) vm.attribute("networkInterfaces");
        assertThat(nics).hasSize(2);
        Map<?, ?> primary = (Map<?, ?>) nics.get(0);
        assertThat(primary.get("primary")).isEqualTo(true);
        assertThat(primary.get("macAddress")).isEqualTo("00:22:48:bb:00:0a");
        assertThat(primary.get("privateIpAddresses")).isEqualTo(List.of("10.5.0.4", "169.254.0.9", "fe80::4"));
        assertThat(((Map<?, ?>) nics.get(1)).get("privateIpAddresses")).isEqualTo(List.of("10.5.1.4", "127.0.0.1"));

        Asset asset = transformedAssets().get("multi-02");
        assertThat(asset.ipAddresses()).containsExactly("10.5.0.4", "10.5.1.4", "20.1.2.3");
        assertThat(asset.attributes().get("networkInterfaces")).contains("169.254.0.9", "\"primary\":true",
                "00:22:48:bb:00:0a");
    }

    @Test
    void shouldTakeTheAssetsMacFromTheNicThatCarriesItsIpAddress() {
        SourceRecord vm = assets().get("multi-02");

        assertThat(vm.attributes()).containsEntry("networkInterfaces_macAddress", "00:22:48:bb:00:0a")
                .containsEntry("networkInterfaces_privateIP", "10.5.0.4")
                .doesNotContainKey("networkInterfaces_publicIP")
                .containsEntry("publicIpAddresses", List.of("20.1.2.3"));
        Asset asset = transformedAssets().get("multi-02");
        assertThat(asset.ipAddress()).contains("10.5.0.4");
        assertThat(asset.macAddress()).contains("00:22:48:bb:00:0a");
        assertThat(asset.publicIpAddresses()).containsExactly("20.1.2.3");
    }

    // ------------------------------------------------------------------ 4. vendor data that was lost

    @Test
    void shouldDeliverVmTagsAsKeyValueTags() {
        assertThat(assets().get("cidr-01").attributes())
                .containsEntry("tagList", List.of("env:prod", "cost-center:cc-42", "backup"));
        Map<String, Asset> assets = transformedAssets();
        assertThat(assets.get("cidr-01").tags()).containsExactly("env:prod", "cost-center:cc-42", "backup");
        assertThat(assets.get("guest-03").tags()).isEmpty();
    }

    @Test
    void shouldPreferTheGuestReportedOsAndNeverDeliverLatestAsAnOsVersion() {
        Map<String, SourceRecord> records = assets();
        assertThat(records.get("cidr-01").attributes())
                .containsEntry("operatingSystemName", "Windows Server 2022 Datacenter Azure Edition")
                .containsEntry("operatingSystemVersion", "10.0.20348.2849")
                .containsEntry("imageReference_offer", "WindowsServer")
                .doesNotContainKey("imageReference_version");
        assertThat(records.get("guest-03").attributes()).containsEntry("operatingSystemName", "ubuntu")
                .doesNotContainKeys("operatingSystemVersion", "imageReference_version");

        Map<String, Asset> assets = transformedAssets();
        assertThat(assets.get("cidr-01").operatingSystemName()).contains("Windows Server 2022 Datacenter Azure Edition");
        assertThat(assets.get("cidr-01").operatingSystemVersion()).contains("10.0.20348.2849");
        assertThat(assets.get("guest-03").operatingSystemName()).contains("ubuntu");
        assertThat(assets.get("guest-03").operatingSystemVersion()).isEmpty();
        assertThat(assets.get("multi-02").operatingSystemName()).contains("Linux");
        assertThat(assets.values()).allSatisfy(a -> assertThat(a.operatingSystemVersion()).isNotEqualTo(
                java.util.Optional.of("latest")));
    }

    @Test
    void shouldDeliverRiskThreatsAdditionalDataEffortAndImpactAsFindingAttributes() {
        Finding f = transformedFindings().get("cidr-01");

        assertThat(f.attributes())
                .containsEntry("riskLevel", "Critical")
                .containsEntry("riskFactors", "Internet exposure, Sensitive data")
                .containsEntry("threats", "dataExfiltration, DataSpillage, maliciousInsider")
                .containsEntry("implementationEffort", "Moderate")
                .containsEntry("userImpact", "High");
        assertThat(f.attributes().get("additionalData")).contains("NSG open ports").contains("22,3389");
        assertThat(f.impact()).contains("High");
    }

    @Test
    void shouldCountAMissingSeverityAsRepairedAndMarkTheSeverityAssumed() {
        SourceRecord record = findings().get("cidr-01");

        assertThat(record.attributes()).containsEntry("assessments_severityAssumed", "true");
        DataQualityReport.Field severity = quality.field(FINDINGS, SEVERITY);
        assertThat(severity.repaired()).isEqualTo(1);
        assertThat(severity.reasons()).anySatisfy(r -> assertThat(r).contains("no severity").contains("Medium"));

        Map<String, Finding> findings = transformedFindings();
        Finding assumed = findings.get("cidr-01");
        assertThat(assumed.severity()).isEqualTo(3);
        assertThat(assumed.vendorSeverity()).isEmpty();
        assertThat(assumed.attributes()).containsEntry("severityAssumed", "true");
        assertThat(findings.get("multi-02").attributes()).doesNotContainKey("severityAssumed");
        // a single text where Resource Graph usually has a list is read as a list of one
        assertThat(findings.get("multi-02").attributes()).containsEntry("threats", "accountBreach");
        assertThat(findings.get("multi-02").recommendation()).contains("Compute");
        assertThat(findings.get("multi-02").severity()).isEqualTo(2);
    }
}
