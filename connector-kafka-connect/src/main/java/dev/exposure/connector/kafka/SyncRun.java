package dev.exposure.connector.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.ocsf.OcsfWriter;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.ModelJson;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * One sync run of one connection: the connector's asset stream, then its finding stream, each
 * through the SDK's {@link Transformer} (maps and severity mapping the descriptor names, as the
 * command line runs them), put into the {@link Outbox} as Connect records.
 *
 * <p>The last record of each stream is held back (one record per stream, bounded) until the run is
 * complete. Then, once Kafka acknowledged every other record of the run, both are put with the new
 * {@link RunOffset} (run id, start, the SDK checkpoint). Every other record carries the previous
 * complete run's offset. So a committed offset always names a complete run whose every record is in
 * Kafka; a run that fails or is stopped commits nothing new.
 */
final class SyncRun {
    /** Record header names. */
    static final String HEADER_CONNECTOR = "connector";
    static final String HEADER_CONNECTION = "connection";
    static final String HEADER_RUN = "run";

    /** What a complete run did. */
    record Result(RunOffset offset, long assets, long findings, long skipped, long left) { }

    private static final ObjectMapper JSON = ModelJson.mapper();
    private static final JsonFactory OCSF_JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final SourceSettings settings;
    private final List<String> subscriptions;
    private final Outbox outbox;
    private final Clock clock;
    private final BooleanSupplier stopped;
    private final Map<String, Object> assetPartition;
    private final Map<String, Object> findingPartition;

    SyncRun(SourceSettings settings, List<String> subscriptions, Outbox outbox, Clock clock, BooleanSupplier stopped) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.clock = clock;
        this.stopped = stopped;
        this.assetPartition = RunOffset.partition(settings.connectionName(), "assets", subscriptions);
        this.findingPartition = RunOffset.partition(settings.connectionName(), "findings", subscriptions);
    }

    /** @return the source partitions of this task */
    List<Map<String, Object>> partitions() {
        return settings.data == SyncRequest.Data.ASSETS ? List.of(assetPartition)
                : List.of(assetPartition, findingPartition);
    }

    /**
     * Runs once.
     *
     * @param runId the run id
     * @param startedAt when it started
     * @param previous the last complete run, if any
     * @return what the complete run did
     * @throws dev.exposure.connector.ConnectorException when it fails (nothing new is committed)
     */
    Result run(String runId, Instant startedAt, Optional<RunOffset> previous) {
        Optional<Checkpoint> last = previous.flatMap(RunOffset::checkpoint).map(Checkpoint::decode);
        SyncRequest request = settings.request(last);
        @Nullable Map<String, Object> oldOffset = previous.map(RunOffset::toMap).orElse(null);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_CONNECTOR, settings.provider.id());
        headers.addString(HEADER_CONNECTION, settings.connectionName());
        headers.addString(HEADER_RUN, runId);
        // a provider that ships no transform maps (a host's own) delivers its records raw, as raw format does
        Transformer transformer = settings.format == SourceSettings.Format.RAW
                || settings.provider.descriptor().transformMaps().isEmpty() ? null
                : Transformer.builder().severityMapping(RiskSeverityMapping.mdeDefault())
                        .defaultsOf(settings.provider).clock(clock)
                        .errorPolicy(settings.skipInvalid ? ErrorPolicy.SKIP_AND_REPORT : ErrorPolicy.FAIL).build();
        OcsfWriter ocsf = settings.format == SourceSettings.Format.OCSF
                ? OcsfWriter.builder(settings.provider.descriptor()).time(startedAt).build() : null;
        Emitter assets = new Emitter(settings.assetsTopic, assetPartition, oldOffset, headers);
        Emitter findings = new Emitter(settings.findingsTopic, findingPartition, oldOffset, headers);
        long skipped = 0;
        Optional<Checkpoint> assetCheckpoint;
        Optional<Checkpoint> findingCheckpoint = Optional.empty();
        try (Connector connector = settings.provider.create(settings.connection, ConnectorContext.empty())) {
            try (RecordStream<dev.exposure.connector.SourceRecord> source = connector.fetchAssets(request)) {
                if (transformer != null && transformer.assetMap().isPresent()) {
                    try (TransformedStream<Asset> stream = transformer.assets(source)) {
                        while (stream.hasNext()) {
                            checkStopped();
                            Asset a = stream.next();
                            if (ocsf != null) {
                                assets.add(a.externalAssetId(), Schema.STRING_SCHEMA, ocsf(g -> {
                                    ocsf.writeAsset(a, g);
                                    return true;
                                }));
                            } else {
                                assets.add(a.externalAssetId(), ModelSchemas.ASSET, ModelSchemas.asset(a));
                            }
                        }
                        assetCheckpoint = stream.checkpoint();
                        skipped += stream.report().skipped();
                    }
                } else {
                    raw(source, assets);
                    assetCheckpoint = source.checkpoint();
                }
            }
            if (settings.data == SyncRequest.Data.ASSETS_AND_FINDINGS) {
                try (RecordStream<dev.exposure.connector.SourceRecord> source = connector.fetchFindings(request)) {
                    if (transformer != null && transformer.findingMap().isPresent()) {
                        try (TransformedStream<Finding> stream = transformer.findings(source)) {
                            while (stream.hasNext()) {
                                checkStopped();
                                Finding f = stream.next();
                                if (ocsf != null) {
                                    String event = ocsf(g -> ocsf.writeFinding(f, g));
                                    if (event != null) {   // null: no OCSF class for it, counted by the writer
                                        findings.add(f.externalFindingId(), Schema.STRING_SCHEMA, event);
                                    }
                                } else {
                                    findings.add(f.externalFindingId(), ModelSchemas.FINDING, ModelSchemas.finding(f));
                                }
                            }
                            findingCheckpoint = stream.checkpoint();
                            skipped += stream.report().skipped();
                        }
                    } else {
                        raw(source, findings);
                        findingCheckpoint = source.checkpoint();
                    }
                }
            }
        }
        checkStopped();
        Optional<Checkpoint> checkpoint = findingCheckpoint.isPresent() ? findingCheckpoint : assetCheckpoint;
        // no checkpoint (a connector without delta, a sampling run): the next run is a full one
        RunOffset offset = new RunOffset(runId, startedAt, checkpoint.map(Checkpoint::encode));
        // every other record of the run first, then the two that carry the new offset
        outbox.awaitAllAcknowledged();
        assets.finish(offset);
        findings.finish(offset);
        long left = ocsf == null ? 0 : ocsf.counts().notWritten();
        return new Result(offset, assets.count, findings.count, skipped, left);
    }

    private void raw(RecordStream<dev.exposure.connector.SourceRecord> source, Emitter out) {
        while (source.hasNext()) {
            checkStopped();
            dev.exposure.connector.SourceRecord r = source.next();
            ObjectNode node = JSON.createObjectNode();
            node.put("kind", r.kind().name());
            node.put("type", r.type());
            node.put("sourceId", r.sourceId());
            node.set("attributes", JSON.valueToTree(r.attributes()));
            try {
                out.add(r.sourceId(), Schema.STRING_SCHEMA, JSON.writeValueAsString(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private interface OcsfWrite {
        boolean write(JsonGenerator g) throws IOException;
    }

    /** @return the event as JSON text, or null when the writer wrote nothing */
    private static @Nullable String ocsf(OcsfWrite write) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator g = OCSF_JSON.createGenerator(text)) {
            if (!write.write(g)) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private void checkStopped() {
        if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new ConnectorInterruptedException("the task was stopped during the run", null);
        }
    }

    /** The records of one stream, the last one held back until the run is complete. */
    private final class Emitter {
        private final @Nullable String topic;
        private final Map<String, Object> partition;
        private final @Nullable Map<String, Object> oldOffset;
        private final ConnectHeaders headers;
        private @Nullable Object[] held;
        long count;

        Emitter(@Nullable String topic, Map<String, Object> partition, @Nullable Map<String, Object> oldOffset,
                ConnectHeaders headers) {
            this.topic = topic;
            this.partition = partition;
            this.oldOffset = oldOffset;
            this.headers = headers;
        }

        void add(String key, Schema schema, Object value) {
            if (held != null) {
                outbox.put(record(oldOffset, held));
            }
            held = new Object[] {key, schema, value};
            count++;
        }

        void finish(RunOffset offset) {
            if (held != null) {
                outbox.put(record(offset.toMap(), held));
                held = null;
            }
        }

        private SourceRecord record(@Nullable Map<String, Object> offset, Object[] r) {
            return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, r[0], (Schema) r[1], r[2],
                    null, headers.duplicate());
        }
    }
}
