package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.testkit.TestProviders;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransformerDefaultsTest {

    /** A provider that ships its maps as class-path resources, as the vendor modules do. */
    private static ConnectorProvider provider(List<String> maps, Optional<String> severity) {
        return TestProviders.provider(TestProviders.descriptor("shipping-maps").assetSource("MS Defender")
                .findingVendorProductName("Defender").transformMaps(maps).severityMapping(severity).build());
    }

    @Test
    void shouldLoadTheMapsAndSeverityMappingTheDescriptorNames() {
        ConnectorProvider p = provider(List.of("maps/mde-machine-map.json", "maps/mde-vulnerability-map.json"),
                Optional.of("maps/severity-mapping-strict.json"));

        Transformer t = Transformer.builder().defaultsOf(p).clock(Fixtures.CLOCK).build();

        assertThat(t.assetMap()).isPresent();
        assertThat(t.findingMap()).isPresent();
        assertThat(t.severityMapping().defaultLevel()).isEqualTo(2);
        Asset asset = t.toAsset(Fixtures.mdeMachine(m -> { }));
        assertThat(asset.externalAssetId()).isNotBlank();
        Finding finding = t.toFinding(Fixtures.mdeFinding());
        assertThat(finding.severity()).isEqualTo(4);
    }

    @Test
    void shouldSayWhatToSetWhenTheProviderShipsNoDefaults() {
        ConnectorProvider shipsNothing = provider(List.of(), Optional.empty());

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> Transformer.builder().defaultsOf(shipsNothing).clock(Fixtures.CLOCK).build())
                .withMessageContaining("provider 'shipping-maps' ships no default transform map and no risk severity mapping")
                .withMessageContaining("TransformMap.fromJson(..)")
                .withMessageContaining("RiskSeverityMapping.mdeDefault()");
    }

    @Test
    void shouldRefuseAProviderThatNamesAResourceItDoesNotShip() {
        ConnectorProvider p = provider(List.of("maps/no-such-map.json"), Optional.empty());

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> Transformer.builder().defaultsOf(p))
                .satisfies(e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.field()).isEqualTo("connector"))
                        .satisfies(err -> assertThat(err.message()).contains("maps/no-such-map.json", "shipping-maps")));
    }

    @Test
    void shouldLetAnExplicitMappingReplaceTheShippedOne() {
        ConnectorProvider p = provider(List.of("maps/mde-vulnerability-map.json"),
                Optional.of("maps/severity-mapping-strict.json"));

        Transformer t = Transformer.builder().defaultsOf(p).severityMapping(RiskSeverityMapping.mdeDefault())
                .clock(Fixtures.CLOCK).build();

        assertThat(t.severityMapping()).isEqualTo(RiskSeverityMapping.mdeDefault());
    }
}
