package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.util.Context;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Compiles and runs the examples of connector-testkit/README.md; keep the two in step. */
class ReadmeExamplesTest {

    // ---- section 1: the user's code under test -------------------------------------------

    /** A user's sync job: imports findings, stores the checkpoint only after a complete run. */
    static final class FindingSync {
        private final Connector connector;
        private final Consumer<Checkpoint> store;
        private final List<SourceRecord> imported = new ArrayList<>();

        FindingSync(Connector connector, Consumer<Checkpoint> store) {
            this.connector = connector;
            this.store = store;
        }

        void runOnce() {
            try (RecordStream<SourceRecord> findings = connector.fetchFindings(SyncRequest.full())) {
                findings.forEachRemaining(imported::add);
                findings.checkpoint().ifPresent(store);
            }
        }

        List<SourceRecord> imported() {
            return imported;
        }
    }

    @Test
    void shouldKeepTheOldCheckpointWhenARunIsThrottled() {
        FakeConnector connector = FakeConnector.builder()
                .findingPages(TestRecords.findings(1, 3), TestRecords.findings(4, 3))
                .failOnFindingPage(2, new RateLimitedException("throttled", Duration.ofSeconds(30), null, null))
                .build();
        List<Checkpoint> saved = new ArrayList<>();
        FindingSync sync = new FindingSync(connector, saved::add);       // your code; stores checkpoints in saved

        assertThatExceptionOfType(RateLimitedException.class).isThrownBy(sync::runOnce);

        assertThat(saved).isEmpty();                                      // a failed run never advances it
        assertThat(sync.imported()).hasSize(3);                           // page 1 was delivered
        assertThat(connector.openStreams()).isZero();                     // your code closed the stream
        assertThat(connector.recordedRequests()).extracting(SyncRequest::mode).containsExactly(SyncRequest.Mode.FULL);
    }

    // ---- section 2: three lines (here against the fake provider) ---------------------------

    static class MyConnectorContractTest extends ConnectorContractTest {
        private final List<FakeConnector> created = new ArrayList<>();

        @Override protected ConnectorProvider provider() { return new FakeConnectorProvider(); }
        @Override protected Connector connector() { return track(provider().create(config(), context())); }
        @Override protected OptionalLong requestsSent() {
            return OptionalLong.of(created.stream().mapToLong(FakeConnector::requestsSent).sum());
        }

        private ConnectionConfig config() {
            return TestConnections.config().build();
        }

        private ConnectorContext context() {
            return ConnectorContext.empty();
        }

        private FakeConnector track(Connector connector) {
            created.add((FakeConnector) connector);
            return (FakeConnector) connector;
        }
    }

    @Test
    void shouldPassTheContractWithTheThreeLineAdoption() {
        var summary = JUnitRunner.run(MyConnectorContractTest.class);

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(12);   // no failingConnector() or slowConnector(): 2 skip
    }

    // ---- section 3: HTTPS WireMock with the real credential -------------------------------

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    @Test
    void shouldCallTheApiWithTheTokenFromEntraId() {
        EntraTokenStub.forTenant(TestConnections.TENANT_ID).accessToken("token-1").register(wm);
        wm.stubFor(get("/api/machines").withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(okJson("{\"value\":[]}")));
        TokenCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(),
                TestConnections.TENANT_ID, TestConnections.CLIENT_ID, TestConnections.CLIENT_SECRET_VALUE);
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(TestTls.trustingHttpClient())
                .policies(new BearerTokenAuthenticationPolicy(credential,
                        "https://api.securitycenter.microsoft.com/.default"))
                .build();

        try (HttpResponse response = pipeline.sendSync(
                new HttpRequest(HttpMethod.GET, wm.url("/api/machines")), Context.NONE)) {
            assertThat(response.getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldBuildTheContextAndConfigOfSectionThree() {
        TokenCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(),
                TestConnections.TENANT_ID, TestConnections.CLIENT_ID, TestConnections.CLIENT_SECRET_VALUE);

        ConnectorContext context = ConnectorContext.builder()
                .with(TokenCredential.class, credential)
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .build();
        ConnectionConfig config = TestConnections.config(wm.baseUrl()).build();   // authenticationUrl = the mock

        assertThat(context.find(TokenCredential.class)).isEqualTo(Optional.of(credential));
        assertThat(config.effectiveAuthenticationUrl()).isEqualTo(wm.baseUrl() + "/");
        assertThat(config.validate(true)).isEmpty();
    }
}
