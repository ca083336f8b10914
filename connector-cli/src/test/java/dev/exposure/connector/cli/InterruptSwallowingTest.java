package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.testkit.TestProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C stops a sync even when a library on the worker thread swallows the interrupt. */
class InterruptSwallowingTest {
    @TempDir
    Path dir;

    static final AtomicLong delivered = new AtomicLong();

    @Test
    @Timeout(60)
    void shouldStopAtTheNextRecordWhenTheConnectorSwallowsTheInterrupt() throws Exception {
        Cli cli = new Cli(dir);
        cli.connectors = () -> Connectors.of(List.of(swallowingProvider()));
        Path config = Cli.configFile(dir, "c.json", Map.of("connector", "swallowing", "name", "x"), "rw-------");
        Path checkpoint = dir.resolve("ckp");
        Thread presser = cli.pressCtrlCWhen(() -> delivered.get() >= 100);

        Cli.Run run = cli.run("sync", "--config", config.toString(), "--format", "raw", "--checkpoint",
                checkpoint.toString(), "--out", dir.resolve("out.jsonl").toString());
        presser.join();

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(run.err()).contains("error: ").contains("interrupted");
        assertThat(checkpoint).as("the stream would have given a checkpoint at its end").doesNotExist();
    }

    /** A connector whose endless stream clears the interrupt flag on every record, as a careless library would. */
    static ConnectorProvider swallowingProvider() {
        ConnectorDescriptor d = TestProviders.descriptor("swallowing").displayName("Swallowing")
                .addConfigFields(ConfigField.builder().name("name").label("Name").type(ConfigField.Type.STRING)
                        .required(true).description("the name").build())
                .build();
        return TestProviders.provider(d, (config, context) -> new Connector() {
            @Override
            public ConnectorDescriptor descriptor() {
                return d;
            }

            @Override
            public ConnectionTestReport testConnection(Consumer<ConnectionTestReport.CheckResult> onCheck) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RecordStream<SourceRecord> fetchAssets(SyncRequest request) {
                return new Endless();
            }

            @Override
            public RecordStream<SourceRecord> fetchFindings(SyncRequest request) {
                return new Endless();
            }
        });
    }

    static final class Endless implements RecordStream<SourceRecord> {
        private long n;

        @Override
        public boolean hasNext() {
            Thread.interrupted();   // swallowed
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                // swallowed again
            }
            return true;
        }

        @Override
        public SourceRecord next() {
            delivered.incrementAndGet();
            return SourceRecord.of(SourceRecord.Kind.ASSET, "thing", "id-" + n++, Map.of());
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return Optional.of(Checkpoint.builder().connectorId("swallowing").scope("s").position("p")
                    .createdAt(Instant.EPOCH).build());
        }

        @Override
        public SyncStats stats() {
            return SyncStats.builder().pages(0).records(n).requests(0).retries(0).throttledTime(Duration.ZERO).build();
        }

        @Override
        public void close() { }
    }
}
