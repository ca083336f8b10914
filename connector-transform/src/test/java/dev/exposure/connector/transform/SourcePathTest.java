package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcePathTest {

    @Test
    void shouldReadNestedKeysIndexesAndEveryElement() {
        Map<String, Object> record = Map.of(
                "properties", Map.of("metadata", Map.of("severity", "High")),
                "ipAddresses", List.of(Map.of("ipAddress", "10.0.0.1", "macAddress", "00155D3A4B12"),
                        Map.of("ipAddress", "fe80::1"), Map.of("macAddress", "000D3A000001")));
        assertThat(SourcePath.parse("properties.metadata.severity").get(record)).isEqualTo("High");
        assertThat(SourcePath.parse("ipAddresses[1].ipAddress").get(record)).isEqualTo("fe80::1");
        assertThat(SourcePath.parse("ipAddresses[7].ipAddress").get(record)).isNull();
        assertThat(SourcePath.parse("ipAddresses[].macAddress").get(record))
                .isEqualTo(List.of("00155D3A4B12", "000D3A000001"));
        assertThat(SourcePath.parse("ipAddresses[].macAddress").isMulti()).isTrue();
        assertThat(SourcePath.parse("properties.metadata.severity.deeper").get(record)).isNull();
        assertThat(SourcePath.parse("missing[].x").get(record)).isEqualTo(List.of());
    }

    @Test
    void shouldTakeANullSentUnderTheMapsOwnSpellingAsTheValue() {
        Map<String, Object> both = new HashMap<>();
        both.put("recommendedSecurityUpdateId", null);
        both.put("RecommendedSecurityUpdateId", "KB1");
        Map<String, Object> pascalOnly = new HashMap<>();
        pascalOnly.put("RecommendedSecurityUpdateId", "KB1");
        assertThat(SourcePath.parse("recommendedSecurityUpdateId").get(both)).as("sent, as null").isNull();
        assertThat(SourcePath.parse("recommendedSecurityUpdateId").get(pascalOnly)).isEqualTo("KB1");
    }

    @Test
    void shouldMatchTheOtherCommonCasingOfAKeyWithoutScanning() {
        Map<String, Object> pascal = new HashMap<>();
        pascal.put("DeviceId", "d1");
        pascal.put("OSPlatform", "Windows11");
        pascal.put("ID", "x");
        Map<String, Object> camel = Map.of("resourceDetails", Map.of("id", "/subscriptions/s"));
        assertThat(SourcePath.parse("deviceId").get(pascal)).isEqualTo("d1");
        assertThat(SourcePath.parse("osPlatform").get(pascal)).isEqualTo("Windows11");
        assertThat(SourcePath.parse("id").get(pascal)).isEqualTo("x");
        assertThat(SourcePath.parse("resourceDetails.Id").get(camel)).isEqualTo("/subscriptions/s");
        assertThat(SourcePath.parse("ResourceDetails.ID").get(camel)).isEqualTo("/subscriptions/s");
        assertThat(SourcePath.parse("devIceid").get(pascal)).as("other casings do not match").isNull();
        assertThat(Arrays.asList(SourcePath.alternates("osPlatform"))).containsExactly("OsPlatform", "OSPlatform");
        assertThat(Arrays.asList(SourcePath.alternates("OSPlatform"))).containsExactly("oSPlatform", "osPlatform");
    }

    @Test
    void shouldRefuseMalformedPathsNamingTheProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("a..b")).withMessageContaining("empty segment");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("a[.b")).withMessageContaining("unbalanced");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("a[x]")).withMessageContaining("non-numeric");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("a[-1]")).withMessageContaining("negative");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("a b")).withMessageContaining("invalid character");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse(" ")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePath.parse("[]")).withMessageContaining("empty segment");
    }
}
