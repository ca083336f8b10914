package dev.exposure.connector.testkit;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import java.time.Instant;
import java.util.Objects;

/**
 * Fixture builders for target-model {@link Asset}s: pre-filled, realistic, already normalized
 * (lower-case host name, canonical IP and MAC text, UTC instants), so a test sets only the fields
 * it is about. Deterministic.
 *
 * <pre>{@code
 * Asset laptop = TestAssets.asset("machine-1").build();
 * Asset vm = TestAssets.azureVm("vm-1").operatingSystemName("UbuntuServer").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TestAssets {

    private TestAssets() { }

    /**
     * An on-premises Windows host from Defender for Endpoint.
     *
     * @param externalAssetId the asset id
     * @return a pre-filled builder; change any field before {@code build()}
     */
    public static Asset.Builder asset(String externalAssetId) {
        Objects.requireNonNull(externalAssetId, "externalAssetId must not be null");
        int n = TestRecords.number(externalAssetId, 250);
        String host = "host-" + n + ".corp.example.com";
        Asset.Builder b = Asset.builder();
        b.externalAssetId(externalAssetId)
                .source("MS Defender")
                .assetName(host)
                .hostName(host)
                .operatingSystemName("Windows11")
                .operatingSystemVersion("24H2")
                .ipAddress("10.20.0." + n)
                .addIpAddresses("10.20.0." + n, "fe80::215:5dff:fe0a:" + Integer.toHexString(n))
                .addPublicIpAddresses("203.0.113." + n)
                .macAddress(String.format(java.util.Locale.ROOT, "00:15:5d:0a:%02x:%02x", n >> 8, n & 0xff))
                .addMacAddresses(String.format(java.util.Locale.ROOT, "00:15:5d:0a:%02x:%02x", n >> 8, n & 0xff))
                .addTags("finance", "tier-1")
                .firstSeen(Instant.parse("2025-06-01T08:00:00Z"))
                .lastSeen(Instant.parse("2026-01-01T06:30:00Z"))
                .healthStatus("Active")
                .onboardingStatus("Onboarded")
                .exposureLevel("Medium")
                .riskLevel("Medium")
                .deviceValue("Normal");
        return b;
    }

    /**
     * An Azure virtual machine from Defender for Cloud, with its cloud metadata.
     *
     * @param externalAssetId the asset id (the Azure vmId)
     * @return a pre-filled builder
     */
    public static Asset.Builder azureVm(String externalAssetId) {
        Objects.requireNonNull(externalAssetId, "externalAssetId must not be null");
        String subscription = "0b4e8c2a-6d19-4f7b-9a3e-5c1d7e2f8a90";
        String name = "vm-" + TestRecords.number(externalAssetId, 250);
        Asset.Builder b = Asset.builder();
        b.externalAssetId(externalAssetId)
                .source("Defender for Cloud")
                .assetName(name)
                .hostName(name)
                .operatingSystemName("UbuntuServer")
                .operatingSystemVersion("22.04")
                .ipAddress("10.1.0.4")
                .addIpAddresses("10.1.0.4")
                .addPublicIpAddresses("198.51.100.7")
                .macAddress("00:0d:3a:12:34:56")
                .addMacAddresses("00:0d:3a:12:34:56")
                .powerState("running")
                .addTags("env:prod")
                .cloud(CloudMetadata.builder().provider("Azure").accountId(subscription)
                        .resourceGroup("rg-prod").region("westeurope")
                        .resourceId("/subscriptions/" + subscription + "/resourcegroups/rg-prod/providers/"
                                + "microsoft.compute/virtualmachines/" + name)
                        .instanceId(externalAssetId)
                        .resourceType("microsoft.compute/virtualmachines").build());
        return b;
    }
}
