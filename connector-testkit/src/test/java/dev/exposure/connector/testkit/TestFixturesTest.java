package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of the fixture builders TestRecords, TestAssets, TestFindings and TestConnections. */
class TestFixturesTest {

    @Test
    void shouldBuildTheSameRecordForTheSameId() {
        assertThat(TestRecords.asset("machine-9").build()).isEqualTo(TestRecords.asset("machine-9").build());
        assertThat(TestRecords.asset("machine-9").build()).isNotEqualTo(TestRecords.asset("machine-8").build());
    }

    @Test
    void shouldBuildMachineRecordsWithNestedInterfaces() {
        SourceRecord machine = TestRecords.asset("machine-1").attribute("osPlatform", "Linux").without("version")
                .build();

        assertThat(machine.kind()).isEqualTo(SourceRecord.Kind.ASSET);
        assertThat(machine.type()).isEqualTo("machine");
        assertThat(machine.attribute("osPlatform")).isEqualTo("Linux");
        assertThat(machine.attributes()).doesNotContainKey("version");
        assertThat((List<?>) machine.attribute("ipAddresses")).hasSize(2)
                .first().satisfies(nic -> assertThat(((Map<?, ?>) nic).get("macAddress")).isEqualTo("00155D0A0001")
                        .isNotNull());
    }

    @Test
    void shouldKeepExplicitNullsAsTheVendorSendsThem() {
        SourceRecord row = TestRecords.finding("finding-1").attribute("cveId", null).build();

        assertThat(row.kind()).isEqualTo(SourceRecord.Kind.FINDING);
        assertThat(row.attributes()).containsKey("cveId");
        assertThat(row.attribute("cveId")).isNull();
    }

    @Test
    void shouldNotLetBuilderChangesReachBuiltRecords() {
        TestRecords.Builder builder = TestRecords.asset("machine-1");
        SourceRecord before = builder.build();

        builder.attribute("osPlatform", "macOS");

        assertThat(before.attribute("osPlatform")).isEqualTo("Windows11");
    }

    @Test
    void shouldNumberPagesOfRecordsFromTheFirstId() {
        assertThat(TestRecords.assets(4, 2)).extracting(SourceRecord::sourceId).containsExactly("machine-4", "machine-5");
        assertThat(TestRecords.findings(1, 2)).extracting(r -> r.attribute("deviceId"))
                .containsExactly("machine-1", "machine-2");
    }

    @Test
    void shouldBuildValidAssetsThatTestsCanAdjust() {
        Asset host = TestAssets.asset("machine-1").criticality(5).build();
        Asset vm = TestAssets.azureVm("vm-guid-1").build();

        assertThat(host.hostName()).hasValueSatisfying(h -> assertThat(h).isLowerCase());
        assertThat(host.criticality()).contains(5);
        assertThat(host.macAddress()).hasValueSatisfying(m -> assertThat(m).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
        assertThat(vm.cloud()).hasValueSatisfying(c -> assertThat(c.instanceId()).contains("vm-guid-1"));
    }

    @Test
    void shouldBuildConsistentFindings() {
        Finding vulnerability = TestFindings.vulnerability("finding-1").build();
        Finding misconfiguration = TestFindings.misconfiguration("assessment-1").severity(5).build();

        assertThat(vulnerability.findingType()).isEqualTo(FindingType.VULNERABILITY);
        assertThat(vulnerability.cveIds()).containsExactly(vulnerability.findingName().orElseThrow());
        assertThat(vulnerability.qdsSource()).isEqualTo(QdsSource.CVE_DATA);
        assertThat(misconfiguration.findingType()).isEqualTo(FindingType.MISCONFIGURATION);
        assertThat(misconfiguration.cveIds()).isEmpty();
        assertThat(misconfiguration.severity()).isEqualTo(5);
    }

    @Test
    void shouldBuildAValidConnectionConfigPointedAtTheMock() {
        var config = TestConnections.config("https://localhost:8443").build();

        assertThat(config.validate(true)).isEmpty();
        assertThat(config.effectiveAuthenticationUrl()).isEqualTo("https://localhost:8443/");
        assertThat(config.toString()).doesNotContain(TestConnections.CLIENT_SECRET_VALUE);
    }
}
