package dev.exposure.connector.mdc;

import dev.exposure.connector.azure.AzureCredentials;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.TestTls;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MdcStreamTest extends MockedMdcApiTest {
    private static List<String> names(RecordStream<SourceRecord> stream) {
        List<String> out = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(r -> out.add(String.valueOf(r.attribute("name"))));
        }
        return out;
    }

    private MdcStream stream(MdcStream.Kind kind, int limit) {
        MdcSettings settings = MdcSettings.parse(mock.config().build(), false);
        TokenCredential credential = ctx -> Mono.just(new AccessToken(EntraTokenStub.DEFAULT_ACCESS_TOKEN,
                OffsetDateTime.now().plusHours(1)));
        ResourceGraph graph = new ResourceGraph(settings, new AzureCredentials(credential, null, true),
                TestTls.trustingHttpClient(), MdcMock.timing(), mock.time, "connector-mdc/test");
        return new MdcStream(kind, graph, settings, 1000, limit, SyncListener.NONE, false);
    }

    @Test
    void shouldStopASamplingAssetStreamAtTheLimitWithoutFetchingFurtherPages() {
        mock.standard();
        assertThat(names(stream(MdcStream.Kind.ASSETS, 2))).containsExactly("web-01", "sql-02");
        wm.verify(0, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.options['$skipToken']", equalTo("vm-page-2"))));
    }

    @Test
    void shouldGiveASamplingRunOnlyTheAssessmentsOfItsVms() {
        mock.standard();
        MdcStream findings = stream(MdcStream.Kind.FINDINGS, 2);
        assertThat(names(findings)).containsOnly("web-01", "sql-02").hasSize(4);
        assertThat(findings.stats().notices()).singleElement().asString().startsWith("2 assessments were skipped");
    }

    @Test
    void shouldSplitManySubscriptionsIntoBatchesOfAHundred() {
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            subs.add(UUID.nameUUIDFromBytes(("sub-" + i).getBytes()).toString().toLowerCase(Locale.ROOT));
        }
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        mock.page(MdcMock.VMS, null, "mdc-vms-page2.json");
        ConnectionConfig config = mock.config().putOptions(MdcOptions.SUBSCRIPTIONS, String.join(",", subs)).build();

        assertThat(names(mock.connector(config, mock.context()).fetchAssets(SyncRequest.full())))
                .containsExactly("legacy-03", "legacy-03");
        List<LoggedRequest> vmRequests = wm.findAll(postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock
                        .containing(MdcMock.VMS))));
        assertThat(vmRequests).hasSize(2);
        assertThat(vmRequests.get(0).getBodyAsString()).contains(subs.get(0), subs.get(99)).doesNotContain(subs.get(100));
        assertThat(vmRequests.get(1).getBodyAsString()).contains(subs.get(100), subs.get(149)).doesNotContain(subs.get(99));
    }

    @Test
    void shouldStopWhenResourceGraphRepeatsASkipToken() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        mock.page(MdcMock.VMS, null, "mdc-vms-page1.json");
        mock.page(MdcMock.VMS, "vm-page-2", "mdc-vms-page2-looping.json");
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        List<SourceRecord> got = new ArrayList<>();
        assertThatExceptionOfType(DataException.class).isThrownBy(() -> stream.forEachRemaining(got::add))
                .withMessageContaining("already returned");
        assertThat(got).hasSize(3);
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldStopWhenANewSkipTokenServesThePreviousPageAgain() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        mock.page(MdcMock.VMS, null, "mdc-vms-page1.json");
        wm.stubFor(MdcMock.query(MdcMock.VMS, "vm-page-2").willReturn(MdcMock.file("mdc-vms-page1.json")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        List<SourceRecord> got = new ArrayList<>();
        assertThatExceptionOfType(DataException.class).isThrownBy(() -> stream.forEachRemaining(got::add))
                .withMessageContaining("same page again").withMessageContaining("as page 1")
                .withMessageContaining("page 2");
        // the guard sees a page once it was read to its end: the repeated rows were delivered once more
        // (at least once; dedup collapses them), and the run fails without checkpoint
        assertThat(got).extracting(SourceRecord::sourceId).hasSize(4).containsSequence(got.get(0).sourceId(),
                got.get(1).sourceId(), got.get(0).sourceId(), got.get(1).sourceId());
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldRecoverFromA429OnAMiddlePageWithTheSameRecords() {
        mock.standard();
        wm.stubFor(MdcMock.query(MdcMock.VMS, "vm-page-2").inScenario("mid").whenScenarioStateIs(STARTED)
                .willReturn(MdcMock.error(429, "mdc-429-ratelimiting.json")).willSetStateTo("ok"));
        wm.stubFor(MdcMock.query(MdcMock.VMS, "vm-page-2").inScenario("mid").whenScenarioStateIs("ok")
                .willReturn(MdcMock.file("mdc-vms-page2.json")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThat(names(stream)).containsExactly("web-01", "sql-02", "legacy-03");
        assertThat(stream.stats().retries()).isEqualTo(1);
        assertThat(mock.time.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldRetryAResetConnectionAndFailTransientWhenItPersists() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThatExceptionOfType(TransientException.class).isThrownBy(stream::hasNext)
                .withMessageContaining("virtual machines");
        assertThat(stream.stats().retries()).isEqualTo(3);
    }

    @Test
    void shouldFailLoudlyOnTruncatedJson() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"totalRecords\": 3, \"count\": 2, \"resultTruncated\": \"false\", \"data\": [{\"id\": \"/subs")));
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext())
                .withMessageContaining("could not be read")
                .withMessageContaining("virtual machines")
                .withMessageNotContaining("/subs");
    }

    @Test
    void shouldStopWithInterruptedWhenInterruptedWhileWaitingOutA429() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(MdcMock.error(429, "mdc-429-ratelimiting.json")
                .withHeader("Retry-After", "30")));
        dev.exposure.connector.Sleeper interrupting = d -> {
            throw new InterruptedException("host cancelled");
        };
        Connector connector = mock.connector(mock.config().build(), ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient()).with(SSLContext.class, TestTls.sslContext())
                .with(dev.exposure.connector.Sleeper.class, interrupting).build());
        RecordStream<SourceRecord> stream = connector.fetchAssets(SyncRequest.full());
        try {
            assertThatExceptionOfType(dev.exposure.connector.ConnectorInterruptedException.class)
                    .isThrownBy(stream::hasNext).withMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldUseALentTokenCredentialInsteadOfAClientSecret() {
        mock.standard();
        wm.resetRequests();
        TokenCredential lent = ctx -> Mono.just(new AccessToken(EntraTokenStub.DEFAULT_ACCESS_TOKEN,
                OffsetDateTime.now().plusHours(1)));
        ConnectionConfig noSecret = ConnectionConfig.builder().from(mock.config().build())
                .clientSecret(java.util.Optional.empty()).build();
        ConnectorContext context = ConnectorContext.builder().with(TokenCredential.class, lent)
                .with(HttpClient.class, TestTls.trustingHttpClient()).with(SSLContext.class, TestTls.sslContext())
                .build();
        Connector connector = mock.connector(noSecret, context);

        assertThat(names(connector.fetchAssets(SyncRequest.full()))).hasSize(3);
        assertThat(wm.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("oauth2"));
        assertThat(connector.toString()).doesNotContain(MdcMock.SECRET);
    }
}
