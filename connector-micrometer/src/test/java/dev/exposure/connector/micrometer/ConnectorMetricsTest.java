package dev.exposure.connector.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.testkit.FakeConnector;
import dev.exposure.connector.testkit.TestRecords;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectorMetricsTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final ConnectorMetrics metrics = ConnectorMetrics.of(registry, "fake", "defender-prod");

    private RecordStream<SourceRecord> findings(FakeConnector connector) {
        return connector.fetchFindings(SyncRequest.builder().from(SyncRequest.full())
                .listener(metrics.listener("findings")).build());
    }

    @Test
    void shouldCountRecordsPagesRequestsAndTimeASuccessfulRun() {
        FakeConnector connector = FakeConnector.builder()
                .findingPages(TestRecords.findings(1, 3), TestRecords.findings(4, 2)).build();

        try (ConnectorMetrics.Run run = metrics.start("findings"); RecordStream<SourceRecord> s = findings(connector)) {
            s.forEachRemaining(r -> clock.add(Duration.ofMillis(10)));
            run.succeeded(s.stats());
        }

        assertThat(registry.get("connector.sync.records").tag("stream", "findings").counter().count()).isEqualTo(5);
        assertThat(registry.get("connector.sync.pages").tag("stream", "findings").counter().count()).isEqualTo(2);
        assertThat(registry.get("connector.sync.requests").counter().count()).isEqualTo(2);
        var runs = registry.get("connector.sync.runs").tags("outcome", "success", "error", "none").timer();
        assertThat(runs.count()).isOne();
        assertThat(runs.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
    }

    @Test
    void shouldRecordAFailedRunWithTheSdkExceptionAndAnAbandonedOne() {
        FakeConnector connector = FakeConnector.builder()
                .findingPages(TestRecords.findings(1, 3), TestRecords.findings(4, 2))
                .failOnFindingPage(2, new RateLimitedException("throttled", Duration.ofSeconds(30), null, null)).build();

        try (ConnectorMetrics.Run run = metrics.start("findings"); RecordStream<SourceRecord> s = findings(connector)) {
            Throwable error = catchThrowable(() -> s.forEachRemaining(r -> { }));
            run.failed(s.stats(), error);
        }
        try (ConnectorMetrics.Run run = metrics.start("assets")) {
            // the host gave up before finishing
        }

        assertThat(registry.get("connector.sync.runs").tags("stream", "findings", "outcome", "failure",
                "error", "RateLimitedException").timer().count()).isOne();
        assertThat(registry.get("connector.sync.records").tag("stream", "findings").counter().count()).isEqualTo(3);
        assertThat(registry.get("connector.sync.runs").tags("stream", "assets", "outcome", "abandoned").timer().count())
                .isOne();
    }

    @Test
    void shouldCountRetriesThrottledTimeAndFieldIssuesFromTheListener() {
        SyncListener listener = metrics.listener("assets");

        listener.onRetry("fake assets", "HTTP 503; retry 1 of 3");
        listener.onThrottled("fake assets", Duration.ofSeconds(2));
        listener.onFieldIssue(FieldIssue.repaired("fake assets", "ipAddresses", "10.0.0.1/24", "CIDR to address", "m1"));
        listener.onFieldIssue(FieldIssue.dropped("fake assets", "lastSeen", "yesterday", "not a timestamp", "m1"));
        listener.onFieldIssue(FieldIssue.dropped("fake assets", "lastSeen", "soon", "not a timestamp", "m2"));

        assertThat(registry.get("connector.sync.retries").counter().count()).isOne();
        assertThat(registry.get("connector.sync.throttled").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(registry.get("connector.sync.field.issues").tag("action", "repaired").counter().count()).isOne();
        assertThat(registry.get("connector.sync.field.issues").tag("action", "dropped").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldTellTheAgeOfTheLastStoredCheckpoint() {
        clock.add(Duration.ofDays(1));
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        metrics.checkpointSaved("findings", Checkpoint.builder().connectorId("fake").scope("tenant")
                .position("p1").createdAt(now.minus(Duration.ofMinutes(5))).build());

        clock.add(Duration.ofMinutes(10));

        assertThat(registry.get("connector.checkpoint.age").tag("stream", "findings").timeGauge()
                .value(TimeUnit.MINUTES)).isEqualTo(15);
    }

    @Test
    void shouldTagOnlyTheConnectorConnectionStreamAndBoundedOutcomes() {
        try (ConnectorMetrics.Run run = metrics.start("findings");
             RecordStream<SourceRecord> s = findings(FakeConnector.builder().findingPages(TestRecords.findings(1, 1)).build())) {
            s.forEachRemaining(r -> { });
            run.succeeded(s.stats());
        }
        metrics.listener("findings").onFieldIssue(FieldIssue.dropped("fake findings", "cve", "x", "bad", "id-1"));

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getTags())
                .extracting(Tag::getKey).isSubsetOf("connector", "connection", "stream", "outcome", "error", "action"));
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags()).extracting(Tag::getValue)
                .doesNotContain("id-1", "x", "cve", "fake findings");
    }

    @Test
    void shouldRefuseUnboundedOrBlankTagValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConnectorMetrics.of(registry, "MDE V2", "prod"));
        assertThatIllegalArgumentException().isThrownBy(() -> ConnectorMetrics.of(registry, "mde-v2", " "));
        assertThatIllegalArgumentException().isThrownBy(() -> ConnectorMetrics.of(registry, "mde-v2", "x".repeat(65)));
        assertThatIllegalArgumentException().isThrownBy(() -> metrics.start("https://api/machines?$skiptoken=abc"));
    }

    @Test
    void shouldRefuseToRecordARunTwice() {
        ConnectorMetrics.Run run = metrics.start("assets");
        run.succeeded(dev.exposure.connector.SyncStats.empty());
        assertThat(catchThrowable(() -> run.succeeded(dev.exposure.connector.SyncStats.empty())))
                .isInstanceOf(IllegalStateException.class);
        run.close();
        assertThat(registry.find("connector.sync.runs").meters()).extracting(Meter::getId).hasSize(1);
    }
}
