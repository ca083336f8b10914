package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exposure.connector.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ODataFilterTest {

    private static ODataFilter parse(String text) {
        return ODataFilter.parse(text).orElseThrow();
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldAcceptTheSpecsSampleExpressionsAndRenderThemCanonically() {
        assertThat(parse("deviceValue eq 'Normal'").canonical()).isEqualTo("deviceValue eq 'Normal'");
        assertThat(parse("RbacGroupId eq 0 or RbacGroupId eq 7458").canonical())
                .isEqualTo("rbacGroupId eq 0 or rbacGroupId eq 7458");
        assertThat(parse("(riskScore eq 'High' or exposureLevel eq 'high') and not (healthStatus ne 'Active')")
                .canonical()).isEqualTo("(riskScore eq 'High' or exposureLevel eq 'high') and not (healthStatus ne 'Active')");
        assertThat(parse("lastSeen gt 2018-08-01Z").canonical()).isEqualTo("lastSeen gt 2018-08-01Z");
        assertThat(parse("startswith(computerDnsName,'ws-') and machineTags/any(t: t eq 'vip')").canonical())
                .isEqualTo("startswith(computerDnsName,'ws-') and machineTags/any(t:t eq 'vip')");
        assertThat(ODataFilter.parse("   ")).isEmpty();
    }

    @Test
    void shouldEncodeTheWholeFilterAsOneQueryParameter() {
        assertThat(parse("computerDnsName eq 'a&$top=1 #''x'").queryParameter())
                .isEqualTo("$filter=computerDnsName%20eq%20%27a%26%24top%3D1%20%23%27%27x%27");
    }

    @Test
    void shouldNameTheOffendingFieldOrToken() {
        assertThatThrownBy(() -> parse("osPlatfrom eq 'x'")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'osPlatfrom'").hasMessageContaining("filter");
        assertThatThrownBy(() -> parse("riskScore eq 'Severe'")).hasMessageContaining("Severe")
                .hasMessageContaining("Informational");
        assertThatThrownBy(() -> parse("riskScore contains 'x'")).hasMessageContaining("'contains'");
        assertThatThrownBy(() -> parse("$filter=riskScore eq 'High'")).hasMessageContaining("'$filter='");
        assertThatThrownBy(() -> parse("computerDnsName eq 'open")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> parse("riskScore eq 'High' &$top=1")).hasMessageContaining("'&'");
        assertThatThrownBy(() -> parse("lastSeen gt 'yesterday'")).hasMessageContaining("without quotes");
        assertThatThrownBy(() -> parse("lastSeen gt 2024-13-45")).hasMessageContaining("not a date");
        assertThatThrownBy(() -> parse("osPlatform eq Linux")).hasMessageContaining("quote");
        assertThatThrownBy(() -> parse("riskScore eq 'High' riskScore eq 'Low'")).hasMessageContaining("'riskScore'");
        assertThatThrownBy(() -> parse("startswith(osPlatform,'W')")).hasMessageContaining("computerDnsName");
        assertThatThrownBy(() -> parse("(riskScore eq 'High'")).hasMessageContaining("ends too early");
    }

    @Test
    void shouldEvaluateRowsCaseInsensitivelyAndKeepRowsItCannotJudge() {
        ODataFilter f = parse("osPlatform eq 'Windows10' and (rbacGroupId eq 7458 or machineTags/any(t: t eq 'VIP'))");
        assertThat(f.matches(row("osPlatform", "windows10", "rbacGroupId", 7458, "machineTags", List.of()))).isTrue();
        assertThat(f.matches(row("osPlatform", "Windows10", "rbacGroupId", "12", "machineTags", List.of("vip"))))
                .isTrue();
        assertThat(f.matches(row("osPlatform", "Linux", "rbacGroupId", 7458, "machineTags", List.of()))).isFalse();
        ODataFilter seen = parse("lastSeen ge 2026-11-20T00:00:00Z");
        assertThat(seen.matches(row("lastSeen", "2026-11-20T07:45:03.7791856Z"))).isTrue();
        assertThat(seen.matches(row("lastSeen", "2026-11-19T23:59:59Z"))).isFalse();
        assertThat(seen.matches(row("lastSeen", "garbled"))).isTrue();
        assertThat(parse("deviceValue ne null").matches(row("deviceValue", null))).isFalse();
    }
}
