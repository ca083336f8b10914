package dev.exposure.connector.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.ocsf.OcsfCounts;
import dev.exposure.connector.ocsf.OcsfWriter;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.ModelJson;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformReport;
import dev.exposure.connector.transform.Transformer;
import dev.exposure.connector.transform.TransformedStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One sync run: the connector's asset stream, then its finding stream, each through the
 * connector-transform {@link Transformer} built from the maps and severity mapping the descriptor
 * names, written as JSON lines. Runs on the calling (worker) thread; an interrupt stops it with
 * {@link ConnectorInterruptedException}. It never writes a checkpoint: it hands back the one the
 * streams gave after full consumption, for the caller to store once the output is safely closed.
 */
final class SyncRunner {
    /** The output format. */
    enum Format {
        /** The target model (Asset, Finding) after transform, dedup and severity scoring. */
        ETM,
        /** The vendor records as the connector delivered them (no transform, no dedup). */
        RAW,
        /** The target model after transform, as OCSF 1.8.0 events (connector-ocsf), one per line. */
        OCSF
    }

    /** What one run did. */
    record Result(String connectorId, SyncRequest.Mode mode, SyncRequest.Data data, long assets, long assetsRaw,
                  long assetDuplicates, long assetsSkipped, long findings, long findingsRaw, long findingDuplicates,
                  long findingsSkipped, Map<Integer, Long> findingsBySeverity, Map<FindingStatus, Long> findingsByStatus,
                  Map<String, Long> skippedReasons, SyncStats assetStats, SyncStats findingStats, Duration duration,
                  Optional<Checkpoint> checkpoint, Format format, Optional<OcsfCounts> ocsf) {
        long apiCalls() {
            return assetStats.requests() + findingStats.requests();
        }

        /** @return the optional field values repaired or dropped, by the connector and by the maps */
        DataQualityReport dataQuality() {
            return assetStats.dataQuality().merge(findingStats.dataQuality());
        }

        List<String> notices() {
            List<String> all = new ArrayList<>(assetStats.notices());
            all.addAll(findingStats.notices());
            return all;
        }
    }

    private static final ObjectMapper JSON = ModelJson.mapper();
    private static final JsonFactory OCSF_JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final ConnectorProvider provider;
    private final Clock clock;
    private final BooleanSupplier cancelled;

    /**
     * @param cancelled checked between records besides the thread's interrupt flag, so that Ctrl-C
     *     stops the run even if a library swallowed the interrupt
     */
    SyncRunner(ConnectorProvider provider, Clock clock, BooleanSupplier cancelled) {
        this.provider = provider;
        this.clock = clock;
        this.cancelled = cancelled;
    }

    SyncRunner(ConnectorProvider provider, Clock clock) {
        this(provider, clock, () -> false);
    }

    /**
     * Builds the transformer from the provider's default maps and severity mapping.
     *
     * @throws ConfigurationException when a shipped resource is missing or invalid
     */
    Transformer transformer(ErrorPolicy policy) {
        return transformer(policy, false);
    }

    /**
     * @param strictFields whether a map rule that fails on an optional field fails the record
     *     instead of dropping the field (see {@link Transformer.Builder#strictFields})
     */
    Transformer transformer(ErrorPolicy policy, boolean strictFields) {
        return defaults(provider).clock(clock).errorPolicy(policy).strictFields(strictFields).build();
    }

    /**
     * The provider's shipped maps and severity mapping; the MDE default mapping when it ships none.
     */
    static Transformer.Builder defaults(ConnectorProvider provider) {
        return Transformer.builder().severityMapping(RiskSeverityMapping.mdeDefault()).defaultsOf(provider);
    }

    /**
     * Runs the sync and writes every record to {@code out} (not closed).
     *
     * @throws ConnectorInterruptedException when the thread is interrupted
     * @throws UncheckedIOException when the output cannot be written
     */
    Result run(Connector connector, SyncRequest request, Format format, ErrorPolicy policy, Writer out,
               Progress progress) {
        return run(connector, request, format, policy, out, null, progress);
    }

    /**
     * Runs the sync as {@link #run(Connector, SyncRequest, Format, ErrorPolicy, Writer, Progress)}
     * and, when {@code ocsfOut} is given, writes the transformed records as OCSF events there too.
     *
     * @param ocsfOut a second output for OCSF events (not closed); for {@link Format#OCSF}, {@code out} is the OCSF output
     */
    Result run(Connector connector, SyncRequest request, Format format, ErrorPolicy policy, Writer out,
               @Nullable Writer ocsfOut, Progress progress) {
        long t0 = System.nanoTime();
        String id = provider.id();
        Transformer transformer = format != Format.RAW ? transformer(policy, request.strictFields()) : null;
        boolean json = format != Format.OCSF;
        OcsfWriter ocsf = format == Format.OCSF || ocsfOut != null
                ? OcsfWriter.builder(provider.descriptor()).time(clock.instant()).build() : null;
        JsonGenerator ocsfGen = ocsf == null ? null : ocsfGenerator(format == Format.OCSF ? out : ocsfOut);
        Map<Integer, Long> bySeverity = new TreeMap<>(java.util.Comparator.reverseOrder());
        Map<FindingStatus, Long> byStatus = new EnumMap<>(FindingStatus.class);
        Map<String, Long> reasons = new LinkedHashMap<>();
        long[] a = new long[4];
        long[] f = new long[4];
        SyncStats assetStats;
        SyncStats findingStats;
        Optional<Checkpoint> assetCheckpoint;
        Optional<Checkpoint> findingCheckpoint;

        progress.begin(id + " assets");
        try (RecordStream<SourceRecord> source = connector.fetchAssets(request)) {
            if (transformer != null && transformer.assetMap().isPresent()) {
                try (TransformedStream<Asset> assets = transformer.assets(source)) {
                    while (assets.hasNext()) {
                        checkInterrupt();
                        Asset asset = assets.next();
                        if (json) {
                            write(out, "asset", JSON.valueToTree(asset));
                        }
                        if (ocsf != null) {
                            ocsf(() -> {
                                ocsf.writeAsset(asset, ocsfGen);
                                ocsfGen.writeRaw('\n');   // a whole line per event, the last one too
                            });
                        }
                        progress.record();
                    }
                    assetCheckpoint = assets.checkpoint();
                    count(a, assets.report(), reasons);
                    assetStats = assets.stats();
                }
            } else {
                a[0] = a[1] = writeRaw(source, out, progress);
                assetCheckpoint = source.checkpoint();
                assetStats = source.stats();
            }
        }
        progress.end("done");

        progress.begin(id + " findings");
        try (RecordStream<SourceRecord> source = connector.fetchFindings(request)) {
            if (transformer != null && transformer.findingMap().isPresent()) {
                try (TransformedStream<Finding> findings = transformer.findings(source)) {
                    while (findings.hasNext()) {
                        checkInterrupt();
                        Finding finding = findings.next();
                        bySeverity.merge(finding.severity(), 1L, Long::sum);
                        byStatus.merge(finding.findingStatus(), 1L, Long::sum);
                        if (json) {
                            write(out, "finding", JSON.valueToTree(finding));
                        }
                        if (ocsf != null) {
                            ocsf(() -> {
                                if (ocsf.writeFinding(finding, ocsfGen)) {   // false: counted, nothing written
                                    ocsfGen.writeRaw('\n');
                                }
                            });
                        }
                        progress.record();
                    }
                    findingCheckpoint = findings.checkpoint();
                    count(f, findings.report(), reasons);
                    findingStats = findings.stats();
                }
            } else {
                f[0] = f[1] = writeRaw(source, out, progress);
                findingCheckpoint = source.checkpoint();
                findingStats = source.stats();
            }
        }
        progress.end("done");
        try {
            if (ocsfGen != null) {
                ocsfGen.flush();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
        checkInterrupt();
        Optional<Checkpoint> checkpoint = findingCheckpoint.isPresent() ? findingCheckpoint : assetCheckpoint;
        return new Result(id, request.mode(), request.data(), a[0], a[1], a[2], a[3], f[0], f[1], f[2], f[3],
                bySeverity, byStatus, reasons, assetStats, findingStats, Duration.ofNanos(System.nanoTime() - t0),
                checkpoint, format, Optional.ofNullable(ocsf).map(OcsfWriter::counts));
    }

    /** A generator writing one OCSF event per line to {@code out}; flushing it does not close {@code out}. */
    private static JsonGenerator ocsfGenerator(Writer out) {
        try {
            JsonGenerator g = OCSF_JSON.createGenerator(out);
            g.setRootValueSeparator(null);   // each event ends its own line (see run)
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }

    private interface OcsfWrite {
        void run() throws IOException;
    }

    private static void ocsf(OcsfWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }

    private static void count(long[] c, TransformReport report, Map<String, Long> reasons) {
        c[0] = report.delivered();
        c[1] = report.raw();
        c[2] = report.duplicatesRemoved();
        c[3] = report.skipped();
        report.skippedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
    }

    private long writeRaw(RecordStream<SourceRecord> source, Writer out, Progress progress) {
        long n = 0;
        while (source.hasNext()) {
            checkInterrupt();
            SourceRecord r = source.next();
            ObjectNode node = JSON.createObjectNode();
            node.put("kind", r.kind().name());
            node.put("type", r.type());
            node.put("sourceId", r.sourceId());
            node.set("attributes", JSON.valueToTree(r.attributes()));
            write(out, r.kind() == SourceRecord.Kind.ASSET ? "asset" : "finding", node);
            progress.record();
            n++;
        }
        return n;
    }

    private static void write(Writer out, String recordType, com.fasterxml.jackson.databind.JsonNode body) {
        ObjectNode line = JSON.createObjectNode();
        line.put("recordType", recordType);
        line.setAll((ObjectNode) body);
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the output", e);
        }
    }

    private void checkInterrupt() {
        if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
            throw new ConnectorInterruptedException("the sync was interrupted", null);
        }
    }
}
