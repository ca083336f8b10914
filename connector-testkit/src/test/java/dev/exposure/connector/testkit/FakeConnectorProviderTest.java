package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.credential.TokenCredential;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.SyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class FakeConnectorProviderTest {
    private final FakeConnectorProvider provider = new FakeConnectorProvider();

    @Test
    void shouldReportEverySharedFieldProblemAtOnce() {
        ConnectionConfig bad = ConnectionConfig.builder().tenantId("not-a-guid").build();

        assertThat(provider.validate(bad, ConnectorContext.empty())).extracting(ConfigError::field)
                .containsExactly("name", "tenantId", "clientId", "clientSecret");
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> provider.create(bad, ConnectorContext.empty()))
                .satisfies(e -> assertThat(e.errors()).hasSize(4));
    }

    @Test
    void shouldNotRequireASecretWhenTheHostLendsATokenCredential() {
        TokenCredential lent = request -> Mono.empty();
        ConnectorContext context = ConnectorContext.builder().with(TokenCredential.class, lent).build();
        ConnectionConfig noSecret = ConnectionConfig.builder().from(TestConnections.config().build())
                .clientSecret(java.util.Optional.empty()).build();

        assertThat(provider.validate(noSecret, context)).isEmpty();
        assertThat(provider.validate(noSecret, ConnectorContext.empty())).extracting(ConfigError::field)
                .containsExactly("clientSecret");
    }

    @Test
    void shouldScopeCheckpointsToTheConfiguredTenantAndStampThemWithTheHostClock() {
        Instant now = Instant.parse("2026-05-05T05:05:05Z");
        ConnectorContext context = ConnectorContext.builder().with(Clock.class, Clock.fixed(now, ZoneOffset.UTC))
                .build();
        FakeConnector fake = provider.create(TestConnections.config().build(), context);

        var findings = fake.fetchFindings(SyncRequest.full());
        findings.forEachRemaining(r -> { });

        assertThat(findings.checkpoint().orElseThrow().requireFor("fake", TestConnections.TENANT_ID).createdAt())
                .isEqualTo(now);
    }

    @Test
    void shouldServeTheScriptItWasGiven() {
        FakeConnectorProvider scripted = new FakeConnectorProvider(
                () -> FakeConnector.builder().assetPages(TestRecords.assets(7, 1)));

        FakeConnector fake = scripted.create(TestConnections.config().build(), ConnectorContext.empty());

        assertThat(fake.fetchAssets(SyncRequest.full()).next().sourceId()).isEqualTo("machine-7");
    }

    @Test
    void shouldBeRegisteredOnlyByTestResourcesNeverByTheTestkitJar() throws IOException {
        List<URL> listings = Collections.list(getClass().getClassLoader()
                .getResources("META-INF/services/dev.exposure.connector.ConnectorProvider"));

        assertThat(listings).filteredOn(FakeConnectorProviderTest::listsTheFake).isNotEmpty()
                .allSatisfy(url -> assertThat(url.toString()).contains("test-classes"));
    }

    private static boolean listsTheFake(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(FakeConnectorProvider.class.getName());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
