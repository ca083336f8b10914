package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeConnectorTest {

    private static List<String> ids(RecordStream<SourceRecord> stream) {
        List<String> ids = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(r -> ids.add(r.sourceId()));
        }
        return ids;
    }

    @Test
    void shouldServeScriptedPagesInOrderAndCountOneRequestPerPage() {
        FakeConnector fake = FakeConnector.builder()
                .assetPages(TestRecords.assets(1, 2), List.of(), TestRecords.assets(3, 1)).build();

        RecordStream<SourceRecord> assets = fake.fetchAssets(SyncRequest.full());

        assertThat(ids(assets)).containsExactly("machine-1", "machine-2", "machine-3");
        assertThat(fake.requestsSent()).isEqualTo(3);
        assertThat(assets.stats().pages()).isEqualTo(3);
        assertThat(assets.stats().requests()).isEqualTo(3);
        assertThat(assets.stats().records()).isEqualTo(3);
    }

    @Test
    void shouldFailOnTheScriptedPageAfterDeliveringTheEarlierOnes() {
        RateLimitedException throttled = new RateLimitedException("throttled", Duration.ofSeconds(5), null, null);
        FakeConnector fake = FakeConnector.builder()
                .findingPages(TestRecords.findings(1, 2), TestRecords.findings(3, 2))
                .failOnFindingPage(2, throttled).build();
        List<String> seen = new ArrayList<>();

        try (RecordStream<SourceRecord> findings = fake.fetchFindings(SyncRequest.full())) {
            assertThatThrownBy(() -> findings.forEachRemaining(r -> seen.add(r.sourceId()))).isSameAs(throttled);
            assertThat(findings.checkpoint()).isEmpty();
        }

        assertThat(seen).containsExactly("finding-1", "finding-2");
    }

    @Test
    void shouldFailEveryNewStreamTheSameWay() {
        FakeConnector fake = FakeConnector.builder().assetPages(TestRecords.assets(1, 1))
                .failOnAssetPage(1, new RateLimitedException("throttled", null, null, null)).build();

        for (int run = 0; run < 2; run++) {
            try (RecordStream<SourceRecord> assets = fake.fetchAssets(SyncRequest.full())) {
                assertThatExceptionOfType(RateLimitedException.class).isThrownBy(assets::hasNext);
            }
        }
        assertThat(fake.requestsSent()).isEqualTo(2);
    }

    @Test
    void shouldGiveACheckpointForItsIdAndScopeStampedWithItsClock() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        FakeConnector fake = FakeConnectorProvider.sampleData().scope("tenant-a")
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        RecordStream<SourceRecord> findings = fake.fetchFindings(SyncRequest.full());

        assertThat(ids(findings)).hasSize(5);

        Checkpoint checkpoint = findings.checkpoint().orElseThrow();
        assertThat(checkpoint.connectorId()).isEqualTo("fake");
        assertThat(checkpoint.scope()).isEqualTo("tenant-a");
        assertThat(checkpoint.createdAt()).isEqualTo(now);
        assertThat(checkpoint.position()).isEqualTo(now.toString());
    }

    @Test
    void shouldRecordEveryRequestInCallOrder() {
        FakeConnector fake = FakeConnectorProvider.sampleData().build();
        SyncRequest first = SyncRequest.full();
        SyncRequest second = SyncRequest.builder().filter("osPlatform eq 'Linux'").pageSize(50).build();

        fake.fetchAssets(first).close();
        fake.fetchFindings(second).close();

        assertThat(fake.recordedRequests()).containsExactly(first, second);
        assertThat(fake.recordedAssetRequests()).containsExactly(first);
        assertThat(fake.recordedFindingRequests()).containsExactly(second);
        assertThat(fake.requestsSent()).as("streams closed unread send nothing").isZero();
    }

    @Test
    void shouldAcceptItsOwnCheckpointAndRefuseAForeignOne() {
        FakeConnector fake = FakeConnectorProvider.sampleData().build();
        RecordStream<SourceRecord> findings = fake.fetchFindings(SyncRequest.full());
        ids(findings);
        Checkpoint own = findings.checkpoint().orElseThrow();
        Checkpoint foreign = Checkpoint.builder().from(own).scope("another-tenant").build();

        fake.fetchFindings(SyncRequest.delta(own)).close();

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> fake.fetchFindings(SyncRequest.delta(foreign)))
                .satisfies(e -> assertThat(e.errors()).extracting(ConfigError::field).containsExactly("checkpoint"));
    }

    @Test
    void shouldRefuseEveryUnsupportedRequestOptionAtOnce() {
        ConnectorDescriptor plain = ConnectorDescriptor.builder().from(FakeConnector.DEFAULT_DESCRIPTOR)
                .deltaSupported(false).filterSupported(false).samplingSupported(false).build();
        FakeConnector fake = FakeConnector.builder().descriptor(plain).build();
        SyncRequest request = SyncRequest.builder().mode(SyncRequest.Mode.DELTA).filter("x eq 1").sampling(true)
                .build();

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> fake.fetchAssets(request))
                .satisfies(e -> assertThat(e.errors()).extracting(ConfigError::field)
                        .containsExactly("filter", "sampling", "mode"));
        assertThat(fake.recordedRequests()).as("refused requests are not recorded").isEmpty();
        assertThat(fake.fetchFindings(SyncRequest.full()).checkpoint()).isEmpty();
    }

    @Test
    void shouldReturnNoFindingsAndSendNothingForAnAssetsOnlySync() {
        FakeConnector fake = FakeConnectorProvider.sampleData().build();

        RecordStream<SourceRecord> findings = fake.fetchFindings(
                SyncRequest.builder().data(SyncRequest.Data.ASSETS).build());

        assertThat(ids(findings)).isEmpty();
        assertThat(fake.requestsSent()).isZero();
    }

    @Test
    void shouldCountStreamsThatWereNotClosed() {
        FakeConnector fake = FakeConnectorProvider.sampleData().build();

        RecordStream<SourceRecord> forgotten = fake.fetchAssets(SyncRequest.full());
        fake.fetchFindings(SyncRequest.full()).close();

        assertThat(fake.openStreams()).isEqualTo(1);
        forgotten.close();
        assertThat(fake.openStreams()).isZero();
    }

    @Test
    void shouldTellTheListenerAboutEveryPage() {
        List<String> pages = new ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void onPage(String stream, int pageNumber, long recordsSoFar) {
                pages.add(stream + " " + pageNumber + " " + recordsSoFar);
            }
        };
        FakeConnector fake = FakeConnectorProvider.sampleData().build();

        ids(fake.fetchAssets(SyncRequest.builder().listener(listener).build()));

        assertThat(pages).containsExactly("fake assets 1 3", "fake assets 2 5");
    }

    @Test
    void shouldHandOutTheScriptedConnectionTestReportCheckByCheck() {
        ConnectionTestReport scripted = FakeConnector.failingReport(Check.AUTHENTICATION_CREDENTIAL_CHECK,
                "AADSTS7000215: invalid client secret", "Create a new client secret");
        FakeConnector fake = FakeConnector.builder().connectionTestReport(scripted).build();
        List<ConnectionTestReport.CheckResult> heard = new ArrayList<>();

        ConnectionTestReport report = fake.testConnection(heard::add);

        assertThat(report).isEqualTo(scripted);
        assertThat(report.passed()).isFalse();
        assertThat(heard).extracting(ConnectionTestReport.CheckResult::status)
                .containsExactly(Status.PASSED, Status.PASSED, Status.FAILED, Status.SKIPPED, Status.SKIPPED);
        assertThat(fake.connectionTests()).isEqualTo(1);
        assertThat(FakeConnector.builder().build().testConnection().passed()).isTrue();
    }

    @Test
    void shouldRefuseFetchesAfterClose() {
        FakeConnector fake = FakeConnector.builder().build();

        fake.close();
        fake.close();

        assertThat(fake.isClosed()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> fake.fetchAssets(SyncRequest.full()))
                .withMessageContaining("closed");
    }

    @Test
    void shouldRefuseScriptsThatCanNeverHappen() {
        assertThatIllegalStateException().isThrownBy(() -> FakeConnector.builder()
                        .assetPages(TestRecords.assets(1, 1), TestRecords.assets(2, 1))
                        .failOnAssetPage(3, new RateLimitedException("x", null, null, null)).build())
                .withMessageContaining("failOnAssetPage(3");
        assertThatIllegalArgumentException().isThrownBy(() -> FakeConnector.builder()
                        .assetPages(TestRecords.findings(1, 1)))
                .withMessageContaining("finding pages");
        assertThatIllegalArgumentException().isThrownBy(() -> FakeConnector.builder()
                .failOnFindingPage(0, new RateLimitedException("x", null, null, null)));
    }
}
