package dev.exposure.connector.benchmarks;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TargetKind;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformReport;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * One findings sync through a connector and the {@link Transformer} built from the connector's
 * descriptor (its default maps and severity mapping), into a counting sink, with wall time and
 * heap figures: pool peaks and the largest occupancy after a GC during the run, and the live heap
 * after a full GC at the end of the stream, before it is closed (dedup set at its largest).
 */
final class SdkRun {
    final SyncStats stats;
    final TransformReport report;
    final long delivered;
    final long qdsSum;
    final double seconds;
    final long poolPeak;
    final long maxAfterGc;
    final long baselineHeap;
    final Optional<Checkpoint> checkpoint;
    final String load;
    final long liveAtEnd;
    /** Seconds from the fetch call to the first record: token, connection, first response. */
    final double firstRecordSeconds;

    private SdkRun(SyncStats stats, TransformReport report, long delivered, long qdsSum, double seconds, HeapWatch heap,
            Optional<Checkpoint> checkpoint, long liveAtEnd, double firstRecordSeconds) {
        this.stats = stats;
        this.report = report;
        this.delivered = delivered;
        this.qdsSum = qdsSum;
        this.seconds = seconds;
        this.poolPeak = heap.poolPeakSum();
        this.maxAfterGc = heap.maxAfterGc();
        this.baselineHeap = heap.baselineUsed();
        this.checkpoint = checkpoint;
        this.load = Load.now();
        this.liveAtEnd = liveAtEnd;
        this.firstRecordSeconds = firstRecordSeconds;
    }

    /**
     * Creates a connector (fresh, so no rate budget or token carries over), runs the findings sync
     * and drains the transformed stream.
     */
    static SdkRun findings(String connectorId, Tenant tenant, SyncRequest request) {
        ConnectorProvider provider = Connectors.load().require(connectorId);
        Transformer transformer = transformer(provider);
        HeapWatch heap = new HeapWatch().start();
        try (Connector connector = provider.create(tenant.config(), Tenant.context())) {
            long t0 = System.nanoTime();
            RecordStream<SourceRecord> raw = connector.fetchFindings(request);
            long n = 0;
            long qds = 0;
            try (TransformedStream<Finding> findings = transformer.findings(raw)) {
                boolean any = findings.hasNext();
                double first = (System.nanoTime() - t0) / 1e9;
                while (any && findings.hasNext()) {
                    Finding f = findings.next();
                    n++;
                    qds += f.qds();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                // after the clock stopped, before the stream (and its dedup set) is released: the live set
                // at its largest, measured with a full collection
                System.gc();
                long live = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                return new SdkRun(raw.stats(), findings.report(), n, qds, s, heap, findings.checkpoint(), live, first);
            }
        } finally {
            heap.stop();
        }
    }

    /** The transformer a host builds from the provider's descriptor, as the CLI does. */
    static Transformer transformer(ConnectorProvider provider) {
        ConnectorDescriptor d = provider.descriptor();
        Transformer.Builder b = Transformer.builder().clock(Clock.systemUTC()).errorPolicy(ErrorPolicy.SKIP_AND_REPORT);
        for (String name : d.transformMaps()) {
            try (InputStream in = provider.openResource(name).orElseThrow()) {
                TransformMap map = TransformMap.fromJson(in);
                if (map.target() == TargetKind.ASSET) {
                    b.assetMap(map);
                } else {
                    b.findingMap(map);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        b.severityMapping(d.severityMapping().map(name -> {
            try (InputStream in = provider.openResource(name).orElseThrow()) {
                return RiskSeverityMapping.fromJson(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElseThrow());
        return b.build();
    }
}
