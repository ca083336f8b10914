package dev.exposure.connector.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AssetTest {
    private final ObjectMapper mapper = ModelJson.mapper();

    static Asset fullAsset() {
        return Asset.builder().externalAssetId("vm-5f0c").source("Defender for Cloud").assetName("web-01")
                .hostName("web-01.contoso.example").hostNameAscii("web-01.contoso.example")
                .operatingSystemName("UbuntuServer").operatingSystemVersion("22.04")
                .ipAddress("10.1.0.4").addIpAddresses("10.1.0.4", "fd00::4").addPublicIpAddresses("198.51.100.7")
                .macAddress("00:0d:3a:12:34:56").addMacAddresses("00:0d:3a:12:34:56")
                .cloud(CloudMetadata.builder().provider("Azure").accountId("0b4e8c2a-6d19-4f7b-9a3e-5c1d7e2f8a90")
                        .resourceGroup("rg-web").region("westeurope").instanceId("vm-5f0c")
                        .resourceId("/subscriptions/0b4e8c2a-6d19-4f7b-9a3e-5c1d7e2f8a90/resourcegroups/rg-web")
                        .resourceType("microsoft.compute/virtualmachines").build())
                .addTags("env:prod", "team:web")
                .firstSeen(Instant.parse("2025-06-01T08:00:00Z")).lastSeen(Instant.parse("2026-01-01T06:30:00.123Z"))
                .healthStatus("Active").onboardingStatus("Onboarded").exposureLevel("High").riskLevel("Medium")
                .deviceValue("High").powerState("running").criticality(4).riskScore(640)
                .putAttributes("rbacGroupName", "Web servers").build();
    }

    @Test
    void shouldRoundTripThroughJson() throws Exception {
        Asset asset = fullAsset();

        String json = mapper.writeValueAsString(asset);

        assertThat(mapper.readValue(json, Asset.class)).isEqualTo(asset);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.path("externalAssetId").asText()).isEqualTo("vm-5f0c");
        assertThat(tree.path("lastSeen").asText()).isEqualTo("2026-01-01T06:30:00.123Z");
        assertThat(tree.path("cloud").path("region").asText()).isEqualTo("westeurope");
    }

    @Test
    void shouldRoundTripAMinimalAsset() throws Exception {
        Asset minimal = Asset.builder().externalAssetId("m-1").source("MS Defender").build();

        assertThat(mapper.readValue(mapper.writeValueAsString(minimal), Asset.class)).isEqualTo(minimal);
    }

    @Test
    void shouldReadAnAssetDocument() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/model/asset-mde-machine.json")) {
            Asset asset = mapper.readValue(in, Asset.class);

            assertThat(asset.externalAssetId()).isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
            assertThat(asset.ipAddresses()).containsExactly("10.20.0.7", "fe80::215:5dff:fe0a:7");
            assertThat(asset.firstSeen()).contains(Instant.parse("2025-06-01T08:00:00Z"));
            assertThat(asset.cloud()).isEmpty();
        }
    }

    @Test
    void shouldRefuseValuesOutsideTheirRangeNamingTheField() {
        assertThatIllegalStateException().isThrownBy(() -> Asset.builder().externalAssetId(" ").source("s").build())
                .withMessageContaining("externalAssetId");
        assertThatIllegalStateException()
                .isThrownBy(() -> Asset.builder().externalAssetId("a").source("s").criticality(6).build())
                .withMessageContaining("criticality");
        assertThatIllegalStateException()
                .isThrownBy(() -> Asset.builder().externalAssetId("a").source("s").riskScore(1001).build())
                .withMessageContaining("riskScore");
    }
}
