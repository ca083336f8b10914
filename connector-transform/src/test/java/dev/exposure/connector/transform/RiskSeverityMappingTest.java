package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.transform.RiskSeverityMapping.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskSeverityMappingTest {

    @Test
    void shouldResolveVendorValuesIgnoringCaseAndFallBackToTheDefault() {
        RiskSeverityMapping m = RiskSeverityMapping.mdeDefault();
        assertThat(m.resolve("Critical").level()).isEqualTo(5);
        assertThat(m.resolve(" critical ").level()).isEqualTo(5);
        assertThat(m.resolve("HIGH").qds()).isEqualTo(80);
        assertThat(m.resolve("medium").level()).isEqualTo(3);
        assertThat(m.resolve("Low").level()).isEqualTo(2);
        assertThat(m.resolve(null)).isEqualTo(m.row(3));
        assertThat(m.resolve("Severe")).isEqualTo(m.row(3));
        assertThat(m.isKnown("informational")).isTrue();
        assertThat(m.isKnown("Severe")).isFalse();
    }

    @Test
    void shouldKeepTheDefaultsInsideThePublishedQdsBands() {
        for (RiskSeverityMapping m : List.of(RiskSeverityMapping.mdeDefault(), RiskSeverityMapping.mdcDefault())) {
            assertThat(m.rows()).extracting(Row::level).containsExactly(5, 4, 3, 2, 1);
            assertThat(m.row(5).qds()).isBetween(90, 100);
            assertThat(m.row(4).qds()).isBetween(70, 89);
            assertThat(m.row(3).qds()).isBetween(40, 69);
            assertThat(m.row(2).qds()).isBetween(1, 39);
            assertThat(m.row(1).qds()).isBetween(1, 39);
            assertThat(TruRisk.Band.of(m.resolve("Critical").qds())).isEqualTo(TruRisk.Band.CRITICAL);
            assertThat(TruRisk.Band.of(m.resolve("High").qds())).isEqualTo(TruRisk.Band.HIGH);
            assertThat(TruRisk.Band.of(m.resolve("Medium").qds())).isEqualTo(TruRisk.Band.MEDIUM);
            assertThat(TruRisk.Band.of(m.resolve("Low").qds())).isEqualTo(TruRisk.Band.LOW);
            assertThat(m.defaultLevel()).isEqualTo(3);
        }
        RiskSeverityMapping mdc = RiskSeverityMapping.mdcDefault();
        assertThat(mdc.resolve("Informational").level()).isEqualTo(1);
        assertThat(mdc.resolve("High").level()).isEqualTo(4);
    }

    @Test
    void shouldListEveryProblemOfAnInvalidMapping() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> RiskSeverityMapping.of(List.of(
                        Row.of(5, 101, "Critical"),
                        Row.of(5, 80, "High"),
                        Row.of(7, 50, "medium"),
                        Row.of(2, 60, "MEDIUM", " "),
                        Row.of(0, -1)), 9))
                .satisfies(e -> {
                    List<String> all = e.errors().stream().map(ConfigError::toString).toList();
                    assertThat(all).anyMatch(s -> s.contains("rows[0].qds") && s.contains("0 to 100"));
                    assertThat(all).anyMatch(s -> s.contains("rows[1].level") && s.contains("repeats level 5"));
                    assertThat(all).anyMatch(s -> s.contains("rows[2].level") && s.contains("is 7"));
                    assertThat(all).anyMatch(s -> s.contains("rows[3].sourceValues") && s.contains("repeats 'MEDIUM'"));
                    assertThat(all).anyMatch(s -> s.contains("rows[3].sourceValues") && s.contains("blank"));
                    assertThat(all).anyMatch(s -> s.contains("rows[4].level") && s.contains("is 0"));
                    assertThat(all).anyMatch(s -> s.contains("rows[4].qds"));
                    assertThat(all).anyMatch(s -> s.contains("defaultSeverity") && s.contains("is 9"));
                });
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> RiskSeverityMapping.of(List.of(Row.of(5, 95, "Critical")), 5))
                .withMessageContaining("has 1 rows; a risk severity mapping has exactly 5");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> RiskSeverityMapping.of(List.of(Row.of(5, 50), Row.of(4, 80), Row.of(3, 40),
                        Row.of(2, 20), Row.of(1, 10)), 3))
                .withMessageContaining("level 5 has QDS 50, below level 4's QDS 80");
    }

    @Test
    void shouldRoundTripThroughJson() {
        RiskSeverityMapping custom = RiskSeverityMapping.of(List.of(Row.of(5, 100, "Critical", "Urgent"),
                Row.of(4, 75, "High"), Row.of(3, 45, "Medium", "Moderate"), Row.of(2, 20, "Low"),
                Row.of(1, 0, "Informational")), 2);
        String json = custom.toJson();
        assertThat(json).contains("\"defaultSeverity\" : 2", "\"Urgent\"");
        RiskSeverityMapping again = RiskSeverityMapping.fromJson(json);
        assertThat(again).isEqualTo(custom);
        assertThat(again.resolve("moderate").qds()).isEqualTo(45);
        assertThat(RiskSeverityMapping.fromJson(new java.io.ByteArrayInputStream(
                RiskSeverityMapping.mdeDefault().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo(RiskSeverityMapping.mdeDefault());
    }

    @Test
    void shouldRefuseMalformedJsonNamingTheFields() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> RiskSeverityMapping.fromJson("{\"rows\": [{\"level\": \"high\"}], \"default\": 3}"))
                .satisfies(e -> assertThat(e.errors()).extracting(ConfigError::field)
                        .contains("default", "defaultSeverity", "rows[0]"));
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> RiskSeverityMapping.fromJson("[1, 2"))
                .withMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseALevelOutsideOneToFive() {
        assertThatIllegalArgumentException().isThrownBy(() -> RiskSeverityMapping.mdeDefault().row(0));
    }
}
