package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.FakeConnectorProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** One run against the testkit's fake connector (5 assets, 5 findings in two pages each). */
class SyncRunTest {
    private final RunOffset previous = new RunOffset("r0", Instant.parse("2026-01-01T00:00:00Z"), Optional.empty());

    @Test
    void shouldPutTheNewOffsetOnlyOnTheLastRecordOfEachStreamOnceEveryOtherRecordWasAcknowledged() throws Exception {
        Outbox box = new Outbox(4, () -> false);
        SyncRun run = new SyncRun(settings(new FakeConnectorProvider()), List.of(), box, Clock.systemUTC(), () -> false);
        List<SourceRecord> seen = new ArrayList<>();
        List<Long> unackedWhenFinalSeen = new ArrayList<>();
        long[] acked = {0};

        CompletableFuture<SyncRun.Result> result = CompletableFuture.supplyAsync(
                () -> run.run("r1", Instant.parse("2026-01-02T00:00:00Z"), Optional.of(previous)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((!result.isDone() || seen.size() < 10) && !result.isCompletedExceptionally()
                && System.nanoTime() < deadline) {
            List<SourceRecord> batch = box.drain(SyncLoop.MAX_WAIT);
            for (SourceRecord r : batch == null ? List.<SourceRecord>of() : batch) {
                if (!previous.toMap().equals(r.sourceOffset())) {
                    unackedWhenFinalSeen.add(seen.size() - acked[0]);
                }
                seen.add(r);
                box.acknowledged();
                acked[0]++;
            }
        }

        SyncRun.Result r = result.get(5, TimeUnit.SECONDS);
        assertThat(seen).hasSize(10);
        assertThat(seen.subList(0, 8)).allMatch(x -> previous.toMap().equals(x.sourceOffset()));
        assertThat(seen.subList(8, 10)).allMatch(x -> r.offset().toMap().equals(x.sourceOffset()))
                .extracting(x -> (Object) x.sourcePartition().get("stream")).containsExactly("assets", "findings");
        assertThat(unackedWhenFinalSeen).containsOnly(0L);
        assertThat(Checkpoint.decode(r.offset().checkpoint().orElseThrow()).connectorId()).isEqualTo("fake");
        assertThat(seen).allMatch(x -> x.headers().lastWithName("run").value().equals("r1")
                && x.headers().lastWithName("connector").value().equals("fake")
                && x.headers().lastWithName("connection").value().equals("mde-prod"));
        assertThat(seen.subList(0, 4)).allMatch(x -> x.topic().equals("a"));   // the last asset is held back
        assertThat(seen.subList(4, 8)).allMatch(x -> x.topic().equals("f"));
    }

    @Test
    void shouldCommitNothingNewWhenTheRunFails() throws Exception {
        Outbox box = new Outbox(100, () -> false);
        FakeConnectorProvider failing = new FakeConnectorProvider(() -> FakeConnectorProvider.sampleData()
                .failOnFindingPage(2, new TransientException("503 on page 2", null, null)));
        SyncRun run = new SyncRun(settings(failing), List.of(), box, Clock.systemUTC(), () -> false);

        assertThatThrownBy(() -> run.run("r1", Instant.now(), Optional.of(previous)))
                .isInstanceOf(TransientException.class);

        List<SourceRecord> all = box.drain(SyncLoop.MAX_WAIT);
        assertThat(all).isNotEmpty().allMatch(x -> previous.toMap().equals(x.sourceOffset()));
    }

    @Test
    void shouldAskForADeltaFromTheLastCompleteRunsCheckpointUnlessTheModeIsFull() {
        FakeConnectorProvider fake = new FakeConnectorProvider();
        Checkpoint ckp = Checkpoint.builder().connectorId("fake").scope("00000000-0000-0000-0000-000000000001")
                .position("2026-01-01T00:00:00Z").createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();
        assertThat(fake.descriptor().deltaSupported()).isTrue();

        assertThat(settings(fake).request(Optional.of(ckp)).mode()).hasToString("DELTA");
        assertThat(settings(fake).request(Optional.of(ckp)).checkpoint()).contains(ckp);
        assertThat(settings(fake).request(Optional.empty()).mode()).hasToString("FULL");
        Map<String, String> props = SourceSettingsTest.valid();
        props.put("sync.mode", "full");
        assertThat(SourceSettings.parse(fake, props, false).request(Optional.of(ckp)).mode()).hasToString("FULL");
    }

    private static SourceSettings settings(FakeConnectorProvider provider) {
        return SourceSettings.parse(provider, SourceSettingsTest.valid(), false);
    }
}
