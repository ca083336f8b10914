package dev.exposure.connector.azure.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowsTest {

    @Test
    void shouldNormalizePascalCaseExportKeysToCamelCase() {
        assertThat(JsonRows.camelKey("DeviceId")).isEqualTo("deviceId");
        assertThat(JsonRows.camelKey("OSPlatform")).isEqualTo("osPlatform");
        assertThat(JsonRows.camelKey("CveId")).isEqualTo("cveId");
        assertThat(JsonRows.camelKey("RecommendedSecurityUpdateUrl")).isEqualTo("recommendedSecurityUpdateUrl");
        assertThat(JsonRows.camelKey("URL")).isEqualTo("url");
        assertThat(JsonRows.camelKey("deviceId")).isEqualTo("deviceId");
        assertThat(JsonRows.camelKey("@odata.context")).isEqualTo("@odata.context");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldBuildARowAsPlainMapsAndListsRenamingOnlyTopLevelKeys() throws Exception {
        try (JsonParser p = JsonRows.FACTORY.createParser(
                "{\"DeviceId\":\"d1\",\"Tags\":[\"a\",1,2.5,true,null],\"Nested\":{\"CveId\":\"CVE-1\"}}")) {
            p.nextToken();

            Map<String, Object> row = JsonRows.readObject(p, JsonRows::camelKey);

            assertThat(row).containsOnlyKeys("deviceId", "tags", "nested");
            assertThat((List<Object>) row.get("tags")).containsExactly("a", 1, 2.5, true, null);
            assertThat(row.get("nested")).isEqualTo(Map.of("CveId", "CVE-1"));
        }
    }
}
