package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MdcAssetsTest extends MockedMdcApiTest {
    private Map<String, SourceRecord> fetchAll(Connector connector, SyncRequest request) {
        List<SourceRecord> out = new ArrayList<>();
        try (RecordStream<SourceRecord> assets = connector.fetchAssets(request)) {
            assets.forEachRemaining(out::add);
        }
        return out.stream().collect(Collectors.toMap(r -> (String) r.attribute("name"), Function.identity()));
    }

    @Test
    void shouldJoinVmsToTheirNicsAndPublicIpsAcrossCaseDriftingIds() {
        mock.standard();
        Map<String, SourceRecord> assets = fetchAll(mock.connector(), SyncRequest.full());

        assertThat(assets).containsOnlyKeys("web-01", "sql-02", "legacy-03");
        SourceRecord web = assets.get("web-01");
        assertThat(web.kind()).isEqualTo(SourceRecord.Kind.ASSET);
        assertThat(web.type()).isEqualTo("virtualMachine");
        assertThat(web.sourceId()).isEqualTo("6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61");
        assertThat(web.attributes())
                .containsEntry("vmId", "6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61")
                .containsEntry("resourceId", "/subscriptions/54505ff6-e254-4e01-a964-d0ce78bf87a9/resourceGroups/RG-PROD"
                        + "/providers/Microsoft.Compute/virtualMachines/web-01")
                .containsEntry("subscriptionId", MdcMock.SUB_A)
                .containsEntry("resourceGroup", "rg-prod")
                .containsEntry("location", "westeurope")
                .containsEntry("computerName", "web-01")
                .containsEntry("imageReference_offer", "0001-com-ubuntu-server-jammy")
                .containsEntry("imageReference_version", "22.04.202411010")
                .containsEntry("operatingSystemName", "ubuntu")
                .containsEntry("operatingSystemVersion", "22.04")
                .containsEntry("powerState", "running")
                .containsEntry("networkInterfaces_macAddress", "00:0d:3a:1b:c7:21")
                .containsEntry("networkInterfaces_privateIP", "10.0.0.4")
                .containsEntry("networkInterfaces_publicIP", "51.124.10.20")
                .containsEntry("macAddresses", List.of("00:0d:3a:1b:c7:21"));
    }

    @Test
    void shouldPutThePrimaryNicFirstAndSkipPublicIpsWithoutAnAddress() {
        mock.standard();
        SourceRecord sql = fetchAll(mock.connector(), SyncRequest.full()).get("sql-02");

        assertThat(sql.attributes())
                .containsEntry("macAddresses", List.of("00:22:48:aa:bb:01", "00:22:48:aa:bb:02"))
                .containsEntry("privateIpAddresses", List.of("10.1.1.4", "10.1.1.5", "10.1.2.9"))
                .containsEntry("publicIpAddresses", List.of("20.50.60.70"))
                .containsEntry("networkInterfaces_publicIP", "20.50.60.70")
                .containsEntry("computerName", "SQL02")
                .containsEntry("operatingSystemName", "WindowsServer")
                .containsEntry("imageReference_version", "20348.2849.241106")
                .containsEntry("powerState", "stopped");
        assertThat((List<?>) sql.attribute("networkInterfaces")).hasSize(2);
    }

    @Test
    void shouldFallBackToTheOsDiskTypeForVmsWithoutOsProfileOrImageOffer() {
        mock.standard();
        SourceRecord legacy = fetchAll(mock.connector(), SyncRequest.full()).get("legacy-03");

        assertThat(legacy.attributes())
                .containsEntry("operatingSystemName", "Linux")
                .containsEntry("subscriptionId", MdcMock.SUB_B)
                .containsEntry("powerState", "deallocated")
                .containsEntry("networkInterfaces_macAddress", "60:45:bd:01:02:03")
                .containsEntry("privateIpAddresses", List.of("10.20.0.7"))
                .containsEntry("publicIpAddresses", List.of())
                .doesNotContainKeys("computerName", "imageReference_offer", "imageReference_version",
                        "networkInterfaces_publicIP");
    }

    @Test
    void shouldPageWithSkipTokensOverAllSubscriptionsInOneBatch() {
        mock.standard();
        try (RecordStream<SourceRecord> assets = mock.connector().fetchAssets(SyncRequest.full())) {
            assertThat(wm.getAllServeEvents()).isEmpty();
            assets.forEachRemaining(r -> { });
            assertThat(assets.stats().records()).isEqualTo(3);
            assertThat(assets.stats().requests()).isEqualTo(5);
            assertThat(assets.checkpoint()).isEmpty();
        }
        wm.verify(5, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.subscriptions[0]", equalTo(MdcMock.SUB_A)))
                .withRequestBody(matchingJsonPath("$.subscriptions[1]", equalTo(MdcMock.SUB_B)))
                .withRequestBody(matchingJsonPath("$.options['$top']", equalTo("1000")))
                .withRequestBody(matchingJsonPath("$.options.resultFormat", equalTo("objectArray"))));
        wm.verify(1, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.options['$skipToken']", equalTo("vm-page-2"))));
        wm.verify(1, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.options['$skipToken']", equalTo("nic-page-2"))));
    }

    @Test
    void shouldAskResourceGraphForTheRequestedPageSize() {
        mock.standard();
        Map<String, SourceRecord> assets = fetchAll(mock.connector(), SyncRequest.builder().pageSize(2).build());
        assertThat(assets).hasSize(3);
        wm.verify(5, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.options['$top']", equalTo("2"))));
    }

    @Test
    void shouldDescribeWhatTheSpecSupports() {
        var d = new MdcConnectorProvider().descriptor();
        assertThat(d.id()).isEqualTo("mdc-vm");
        assertThat(d.deltaSupported()).isFalse();
        assertThat(d.filterSupported()).isFalse();
        assertThat(d.samplingSupported()).isTrue();
        assertThat(d.assetSource()).isEqualTo("Defender for Cloud");
        assertThat(d.findingVendorProductName()).isEqualTo("Defender for Cloud");
        assertThat(d.findingTypes()).containsExactly(dev.exposure.connector.model.FindingType.MISCONFIGURATION,
                dev.exposure.connector.model.FindingType.VULNERABILITY);   // the latter with the option findings
        assertThat(d.field(MdcOptions.FINDINGS).orElseThrow().allowedValues())
                .containsExactly("misconfigurations", "vulnerabilities", "both");
        assertThat(d.field(MdcOptions.FINDINGS).orElseThrow().defaultValue()).contains("misconfigurations");
        assertThat(d.configFields()).extracting(f -> f.name()).startsWith("name", "description", "subscriptions",
                "tenantId", "clientId", "clientSecret");
        assertThat(d.field("description").orElseThrow().maxLength()).contains(200);
    }

    @Test
    void shouldRefuseDeltaFiltersAndOversizedPagesBeforeAnyRequest() {
        Connector connector = mock.connector();
        Checkpoint checkpoint = Checkpoint.builder().connectorId("mdc-vm").scope(MdcMock.TENANT).position("x")
                .createdAt(Instant.parse("2026-11-01T00:00:00Z")).build();
        SyncRequest bad = SyncRequest.builder().mode(SyncRequest.Mode.DELTA).checkpoint(checkpoint)
                .filter("location eq 'westeurope'").pageSize(5000).build();

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> connector.fetchAssets(bad))
                .satisfies(e -> assertThat(e.errors()).extracting(err -> err.field())
                        .containsExactly("mode", "filter", "pageSize"))
                .withMessageContaining("DELTA is not supported")
                .withMessageContaining("filters are not supported");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> connector.fetchFindings(SyncRequest.builder().filter("x").build()));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
