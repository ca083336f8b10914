package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    @Test
    void shouldDiscoverProvidersListedInMetaInfServices() {
        Connectors connectors = Connectors.load();

        assertThat(connectors.find("alpha")).get().isInstanceOf(TestProviders.Alpha.class);
        assertThat(connectors.ids()).contains("alpha");
    }

    @Test
    void shouldListProvidersOrderedById() {
        Connectors connectors = Connectors.of(List.of(new TestProviders.Beta(), new TestProviders.Alpha()));

        assertThat(connectors.ids()).containsExactly("alpha", "beta");
        assertThat(connectors.providers()).extracting(ConnectorProvider::id).containsExactly("alpha", "beta");
        assertThat(connectors.require("beta")).isInstanceOf(TestProviders.Beta.class);
    }

    @Test
    void shouldNameTheKnownIdsWhenAnIdIsUnknown() {
        Connectors connectors = Connectors.of(List.of(new TestProviders.Beta(), new TestProviders.Alpha()));

        assertThat(connectors.find("mde-v3")).isEmpty();
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> connectors.require("mde-v3"))
                .withMessageContaining("'mde-v3'").withMessageContaining("known ids: alpha, beta")
                .satisfies(e -> assertThat(e.errors().get(0).field()).isEqualTo("connector"));
    }

    @Test
    void shouldSayHowToFixAnEmptyRegistry() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> Connectors.of(List.of()).require("mde-v2"))
                .withMessageContaining("add a connector module to the class path");
    }

    @Test
    void shouldNameBothClassesWhenTwoProvidersShareAnId() {
        List<ConnectorProvider> clash = List.of(new TestProviders.Alpha(), new TestProviders.Beta(),
                new TestProviders.AlphaImpostor());

        assertThatIllegalStateException().isThrownBy(() -> Connectors.of(clash))
                .withMessageContaining("'alpha'")
                .withMessageContaining(TestProviders.Alpha.class.getName())
                .withMessageContaining(TestProviders.AlphaImpostor.class.getName());
    }

    @Test
    void shouldRefuseANullId() {
        assertThatNullPointerException().isThrownBy(() -> Connectors.of(List.of()).find(null))
                .withMessageContaining("id");
    }
}
