package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataException;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Machines as real tenants send them (fixture {@code mde-machines-messy.json}): address entries as
 * text, garbage timestamps, display names in {@code computerDnsName}, down, link-local, host-only
 * and container adapters, null and all-zero MACs. Over HTTPS, through the shipped maps.
 */
class MdeMachineFieldsTest extends MockedMdeApiTest {
    static final String PIXEL = "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334";
    static final String IPAD = "b2c3d4e5f60718293a4b5c6d7e8f900112233445";
    static final String LAPTOP = "c3d4e5f60718293a4b5c6d7e8f90011223344556";
    static final String MACBOOK = "d4e5f60718293a4b5c6d7e8f9001122334455667";
    static final String DOCKER_HOST = "e5f60718293a4b5c6d7e8f900112233445566778";
    static final String ASSETS = "mde-v2 machines";

    private final MdeConnectorProvider provider = new MdeConnectorProvider();

    @BeforeEach
    void stubMachines() {
        wm.stubFor(getPath("/api/machines").willReturn(json(fixture("mde-machines-messy.json", wm))));
    }

    private Transformer transformer() throws Exception {
        RiskSeverityMapping severity;
        try (InputStream in = provider.openResource(provider.descriptor().severityMapping().orElseThrow())
                .orElseThrow()) {
            severity = RiskSeverityMapping.fromJson(in);
        }
        TransformMap assets;
        try (InputStream in = provider.openResource(MdeConnectorProvider.ASSET_MAP).orElseThrow()) {
            assets = TransformMap.fromJson(in);
        }
        return Transformer.builder().assetMap(assets).severityMapping(severity)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).errorPolicy(ErrorPolicy.FAIL).build();
    }

    private record Run(Map<String, Asset> assets, DataQualityReport quality) { }

    private Run transformed() throws Exception {
        try (Connector c = connector(wm, timing);
             TransformedStream<Asset> s = transformer().assets(c.fetchAssets(SyncRequest.full()))) {
            Map<String, Asset> out = new LinkedHashMap<>();
            s.forEachRemaining(a -> out.put(a.externalAssetId(), a));
            return new Run(out, s.stats().dataQuality());
        }
    }

    private Map<String, SourceRecord> raw(SyncRequest request) {
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(request)) {
            Map<String, SourceRecord> out = new LinkedHashMap<>();
            drain(s).forEach(r -> out.put(r.sourceId(), r));
            return out;
        }
    }

    @Test
    void shouldRepairAddressEntriesSentAsTextAndDropAndCountUnreadableOnes() {
        List<FieldIssue> told = new CopyOnWriteArrayList<>();
        SyncRequest request = SyncRequest.builder().from(SyncRequest.full()).listener(new SyncListener() {
            @Override
            public void onFieldIssue(FieldIssue issue) {
                told.add(issue);
            }
        }).build();
        DataQualityReport quality;
        Map<String, SourceRecord> machines;
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(request)) {
            machines = new LinkedHashMap<>();
            drain(s).forEach(r -> machines.put(r.sourceId(), r));
            quality = s.stats().dataQuality();
        }

        assertThat(machines).hasSize(5);
        List<?> entries = (List<?>) machines.get(PIXEL).attribute("ipAddresses");
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0)).isEqualTo(Map.of("ipAddress", "10.1.2.3"));
        assertThat(machines.get(PIXEL).attribute("hostIpAddresses")).isEqualTo(List.of("10.1.2.3", "192.0.2.77"));
        assertThat(machines.get(PIXEL).attribute("hostMacAddresses")).isEqualTo(List.of());
        DataQualityReport.Field f = quality.field(ASSETS, "ipAddresses[]");
        assertThat(f.repaired()).isEqualTo(1);
        assertThat(f.dropped()).isEqualTo(2);
        assertThat(quality.field(ASSETS, "ipAddresses[].ipAddress").dropped()).isEqualTo(1);
        assertThat(quality.field(ASSETS, "ipAddresses[].macAddress").dropped()).isEqualTo(1);
        assertThat(quality.repaired()).isEqualTo(1);
        assertThat(quality.dropped()).isEqualTo(4);
        assertThat(told).hasSize(5).allSatisfy(i -> assertThat(i.recordId()).isEqualTo(PIXEL));
    }

    @Test
    void shouldRepairAndCountTheSampledMachinesLikeTheListedOnes() {
        wm.stubFor(getPath("/api/machines/SoftwareVulnerabilitiesByMachine").willReturn(json("{\"value\":[{"
                + "\"deviceId\":\"" + PIXEL + "\",\"softwareVendor\":\"google\",\"softwareName\":\"android\","
                + "\"softwareVersion\":\"15\",\"cveId\":\"CVE-2024-43093\"}]}")));
        SyncRequest sampled = SyncRequest.builder().from(SyncRequest.full()).sampling(true).build();
        try (Connector c = connector(config(wm).findingsSource("json").build(), timing);
             RecordStream<SourceRecord> s = c.fetchAssets(sampled)) {
            List<SourceRecord> machines = drain(s);

            assertThat(machines).extracting(SourceRecord::sourceId).containsExactly(PIXEL);
            assertThat(machines.get(0).attribute("hostIpAddresses")).isEqualTo(List.of("10.1.2.3", "192.0.2.77"));
            assertThat(s.stats().dataQuality().field("mde-v2 sampled machines", "ipAddresses[]").repaired())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldFailTheRunOnAnUnreadableAddressEntryInStrictMode() {
        SyncRequest strict = SyncRequest.builder().from(SyncRequest.full()).strictFields(true).build();
        assertThatThrownBy(() -> raw(strict)).isInstanceOf(DataException.class)
                .hasMessageContaining("ipAddresses[]").hasMessageContaining("42");
    }

    @Test
    void shouldKeepAMachineWithGarbageTimestampsWithoutThemAndReportThemThroughTheShippedMap() throws Exception {
        Run run = transformed();

        Asset pixel = run.assets().get(PIXEL);
        assertThat(pixel).isNotNull();
        assertThat(pixel.lastSeen()).isEmpty();
        assertThat(pixel.firstSeen()).isEmpty();
        assertThat(pixel.ipAddress()).contains("10.1.2.3");
        assertThat(run.quality().fields()).anySatisfy(f -> {
            assertThat(f.field()).isEqualTo("lastSeen");
            assertThat(f.dropped()).isEqualTo(1);
        });
        assertThat(run.quality().fields()).anySatisfy(f -> assertThat(f.field()).isEqualTo("firstSeen"));
    }

    @Test
    void shouldNotTakeADisplayNameForAHostNameButKeepItAsTheAssetName() throws Exception {
        Run run = transformed();

        assertThat(run.assets().get(PIXEL).hostName()).isEmpty();
        assertThat(run.assets().get(PIXEL).assetName()).contains("Mara’s Pixel 7");
        assertThat(run.assets().get(IPAD).hostName()).isEmpty();
        assertThat(run.assets().get(IPAD).assetName())
                .contains("max_mustermann_ipad air (17zoll) (2nd generation)");
        assertThat(run.assets().get(LAPTOP).hostName()).contains("nb-4711.corp.contoso.test");
        assertThat(run.assets().get(MACBOOK).hostName()).contains("mbp-jdoe");
        assertThat(run.quality().field("transform map 'MDE V2 Asset Transformation Map'", "computerDnsName")
                .dropped()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheMacOfTheInterfaceCarryingTheLastIpAddressNotOfTheFirstInterface() throws Exception {
        Asset laptop = transformed().assets().get(LAPTOP);

        assertThat(laptop.ipAddress()).contains("10.20.30.40");
        assertThat(laptop.macAddress()).contains("00:15:5d:aa:00:01");
    }

    @Test
    void shouldKeepDownLinkLocalLoopbackHostOnlyAndContainerAdaptersOutOfTheAddressLists() throws Exception {
        Map<String, Asset> assets = transformed().assets();

        Asset laptop = assets.get(LAPTOP);
        assertThat(laptop.ipAddresses()).containsExactly("10.20.30.40");
        assertThat(laptop.macAddresses()).containsExactly("00:15:5d:aa:00:01");
        Asset mac = assets.get(MACBOOK);
        assertThat(mac.ipAddresses()).containsExactly("192.168.1.20", "2001:db8:20::1c");
        assertThat(mac.macAddresses()).containsExactly("ac:de:48:00:11:22");
        Asset docker = assets.get(DOCKER_HOST);
        assertThat(docker.ipAddress()).as("lastIpAddress is the Docker bridge's").contains("10.0.5.9");
        assertThat(docker.macAddress()).contains("00:0d:3a:11:22:33");
        assertThat(assets.get(IPAD).ipAddress()).as("no adapters listed: lastIpAddress")
                .contains("192.168.178.23");
        assertThat(assets.get(IPAD).ipAddresses()).containsExactly("192.168.178.23");
        assertThat(docker.ipAddresses()).containsExactly("10.0.5.9", "10.0.5.10");
        assertThat(docker.macAddresses()).containsExactly("00:0d:3a:11:22:33");
        Asset pixel = assets.get(PIXEL);
        assertThat(pixel.ipAddresses()).containsExactly("10.1.2.3", "192.0.2.77");
        assertThat(pixel.macAddresses()).isEmpty();
    }

    @Test
    void shouldKeepEveryInterfaceWithItsTypeAndStatusForConsumers() throws Exception {
        Asset laptop = transformed().assets().get(LAPTOP);

        JsonNode interfaces = new ObjectMapper().readTree(laptop.attributes().get("networkInterfaces"));
        assertThat(interfaces).hasSize(8);
        assertThat(interfaces.get(0).get("operationalStatus").asText()).isEqualTo("Down");
        assertThat(interfaces.get(0).get("type").asText()).isEqualTo("Wireless80211");
        assertThat(interfaces.get(0).get("ipAddress").asText()).isEqualTo("192.168.1.50");
        assertThat(interfaces.get(5).get("macAddress").asText()).isEqualTo("0A0027000011");
    }

    @Test
    void shouldCarryTheMachineFieldsTheShippedMapUsedToLose() throws Exception {
        Map<String, Asset> assets = transformed().assets();

        assertThat(assets.get(LAPTOP).attributes()).containsEntry("osBuild", "26100")
                .containsEntry("osProcessor", "x64").containsEntry("isAadJoined", "true")
                .containsEntry("defenderAvStatus", "Updated").containsEntry("managedByStatus", "Success");
        assertThat(assets.get(DOCKER_HOST).attributes()).containsEntry("exclusionReason", "Other");
        List<String> all = new ArrayList<>();
        assets.values().forEach(a -> all.addAll(a.attributes().keySet()));
        assertThat(all).doesNotContain("hostIpAddresses", "hostMacAddresses");
    }
}
