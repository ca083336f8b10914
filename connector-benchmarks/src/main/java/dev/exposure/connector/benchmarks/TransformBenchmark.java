package dev.exposure.connector.benchmarks;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.transform.DedupSet;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.Hash128;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformReport;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Findings per second through the transform engine on one thread: the MDE vulnerability map
 * (paths, converters, severity mapping, timestamp/CVE/host normalization) plus streaming dedup, on
 * realistic {@code SoftwareVulnerabilitiesByMachine} rows built the way a streaming parser builds
 * them (nested {@code LinkedHashMap}/{@code ArrayList}, fresh strings per row, interned keys).
 *
 * <p>Run (see docs/BENCHMARKS.md): {@code mvn -q -pl connector-benchmarks -am package dependency:build-classpath
 * -Dmdep.outputFile=target/classpath.txt -DskipTests}, then {@code java -cp
 * "connector-benchmarks/target/classes:$(cat connector-benchmarks/target/classpath.txt)"
 * dev.exposure.connector.benchmarks.TransformBenchmark}. Arguments: {@code [rows per pass] [warm-up passes] [measured passes]}.
 */
public final class TransformBenchmark {
    private TransformBenchmark() {}

    /**
     * @param args findings per pass (default 1000000), warm-up passes (default 3), measured passes (default 5)
     * @throws IOException if the map resource cannot be read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        TransformMap map;
        try (InputStream in = TransformBenchmark.class.getResourceAsStream("/TransformBenchmark/mde-vulnerability-map.json")) {
            map = TransformMap.fromJson(in);
        }
        Transformer transformer = Transformer.builder()
                .findingMap(map)
                .severityMapping(RiskSeverityMapping.mdeDefault())
                .clock(Clock.systemUTC())
                .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
                .build();

        System.out.printf("TransformBenchmark: %,d rows per pass (one stream, one dedup set; 5%% exact duplicates), "
                + "%d warm-up + %d measured passes, JDK %s, %d cores%n", rows, warmup, passes, Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        for (int i = 0; i < warmup; i++) {
            pass(transformer, rows, i);
        }
        double[] rates = new double[passes];
        double[] cpuRates = new double[passes];
        TransformReport last = null;
        for (int i = 0; i < passes; i++) {
            GeneratedStream source = new GeneratedStream(rows, 1000 + i);
            long gc0 = gcMillis();
            long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = drain(transformer, source);
            long ns = System.nanoTime() - t0 - source.generationNanos;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0 - source.generationCpuNanos;
            long alloc = THREADS.getCurrentThreadAllocatedBytes() - alloc0 - source.generationBytes;
            rates[i] = rows / (ns / 1e9);
            cpuRates[i] = rows / (cpu / 1e9);
            System.out.printf("  pass %2d: %,10.0f findings/s wall, %,10.0f findings per CPU-second of the thread"
                    + " (GC %d ms; %,d bytes allocated per finding; row generation excluded)%n", i + 1, rates[i],
                    cpuRates[i], gcMillis() - gc0, alloc / rows);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("transform (map + severity + normalization + dedup): wall median %,.0f findings/s (min %,.0f,"
                + " max %,.0f); thread-CPU median %,.0f findings/s%n", rates[passes / 2], rates[0], rates[passes - 1],
                cpuRates[passes / 2]);
        System.out.println("last pass: " + last + ", dedup set " + last.dedupMemoryBytes() / 1048576 + " MB");

        // dedup at tenant scale: 2,000,000 distinct identities hashed and added to one set
        DedupSet set = new DedupSet();
        Hash128 h = new Hash128();
        String[] cves = new String[4000];
        for (int i = 0; i < cves.length; i++) {
            cves[i] = "CVE-20" + (10 + i % 15) + "-" + (10000 + i);
        }
        long t0 = System.nanoTime();
        long added = 0;
        for (int i = 0; i < 2_000_000; i++) {
            h.reset().putLower("4a1e2b3c4d5e6f708192a3b4c5d6e7f8" + (i / 4000)).putLower("microsoft")
                    .putLower("edge_chromium-based").putLower("120.0.2210.91").putLower(cves[i % 4000]).finish();
            added += set.add(h.high(), h.low()) ? 1 : 0;
        }
        long ns = System.nanoTime() - t0;
        System.out.printf("dedup: %,d distinct keys in %.0f ms (%,.0f keys/s), %.1f MB, %.1f bytes/key%n", added,
                ns / 1e6, added / (ns / 1e9), set.memoryBytes() / 1048576.0, set.memoryBytes() / (double) added);
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static TransformReport pass(Transformer transformer, int rows, long seed) {
        return drain(transformer, new GeneratedStream(rows, seed));
    }

    private static TransformReport drain(Transformer transformer, GeneratedStream source) {
        try (TransformedStream<Finding> out = transformer.findings(source)) {
            long n = 0;
            while (out.hasNext()) {
                Finding f = out.next();
                n += f.qds();
            }
            if (n == 0 || out.checkpoint().isEmpty()) {
                throw new IllegalStateException("benchmark pass delivered nothing");
            }
            return out.report();
        }
    }

    /**
     * Rows as a streaming JSON parser delivers them: new maps, lists and strings per row, generated
     * in batches of 64 just before they are consumed (so they are as cache-warm as freshly parsed
     * rows); the time spent generating is measured and excluded.
     */
    private static final class GeneratedStream implements RecordStream<SourceRecord> {
        private static final Checkpoint CHECKPOINT = Checkpoint.builder().connectorId("bench").scope("bench")
                .position("0").createdAt(java.time.Instant.EPOCH).build();
        private static final String[] SEVERITIES = {"Critical", "High", "Medium", "Low"};
        private static final String[][] SOFTWARE = {{"microsoft", "edge_chromium-based", "120.0.2210.91"},
            {"google", "chrome", "121.0.6167.85"}, {"microsoft", "windows_11", "10.0.22631.3007"},
            {"mozilla", "firefox", "122.0"}, {"oracle", "jre", "1.8.0_391"}, {"ubuntu", "linux_kernel", "5.15.0-91.101"}};

        private final int total;
        private final Random rnd;
        private final SourceRecord[] batch = new SourceRecord[64];
        private final SourceRecord[] recent = new SourceRecord[1000];
        private int produced;
        private int pos;
        private int filled;
        long generationNanos;
        long generationCpuNanos;
        long generationBytes;

        GeneratedStream(int total, long seed) {
            this.total = total;
            this.rnd = new Random(seed);
        }

        @Override
        public boolean hasNext() {
            if (pos < filled) {
                return true;
            }
            if (produced >= total) {
                return false;
            }
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            filled = Math.min(batch.length, total - produced);
            for (int k = 0; k < filled; k++) {
                int i = produced + k;
                if (i % 20 == 19 && i > 1000) {
                    batch[k] = recent[rnd.nextInt(recent.length)];   // an exact duplicate, as re-delivered pages produce
                } else {
                    batch[k] = row(i);
                    recent[i % recent.length] = batch[k];
                }
            }
            produced += filled;
            pos = 0;
            generationBytes += THREADS.getCurrentThreadAllocatedBytes() - a0;
            generationCpuNanos += THREADS.getCurrentThreadCpuTime() - c0;
            generationNanos += System.nanoTime() - t0;
            return true;
        }

        @Override
        public SourceRecord next() {
            return batch[pos++];
        }

        private SourceRecord row(int i) {
            int device = i / 50;
            String[] sw = SOFTWARE[rnd.nextInt(SOFTWARE.length)];
            String deviceId = fresh(Long.toHexString(0x4a1e2b3c4d5eL + device) + "6f708192a3b4c5d6e7f8091a2b3c");
            String cve = fresh("CVE-20" + (15 + rnd.nextInt(10)) + "-" + (1000 + i));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", fresh(deviceId + "_" + sw[0] + "_" + sw[1] + "_" + sw[2] + "_" + cve));
            r.put("deviceId", deviceId);
            r.put("rbacGroupName", fresh("Finance Laptops"));
            r.put("rbacGroupId", 4711);
            r.put("deviceName", fresh("FIN-LT-" + device + ".corp.example."));
            r.put("osPlatform", fresh("Windows11"));
            r.put("osVersion", fresh("10.0.22631.3007"));
            r.put("osArchitecture", fresh("x64"));
            r.put("softwareVendor", fresh(sw[0]));
            r.put("softwareName", fresh(sw[1]));
            r.put("softwareVersion", fresh(sw[2]));
            r.put("cveId", cve);
            r.put("vulnerabilitySeverityLevel", fresh(SEVERITIES[rnd.nextInt(4)]));
            r.put("recommendedSecurityUpdate", fresh("Update " + sw[1]));
            r.put("recommendedSecurityUpdateId", rnd.nextBoolean() ? null : fresh("KB50" + (10000 + rnd.nextInt(9000))));
            r.put("recommendedSecurityUpdateUrl", null);
            List<Object> disk = new ArrayList<>();
            disk.add(fresh("C:\\Program Files\\" + sw[1] + "\\app.exe"));
            r.put("diskPaths", disk);
            r.put("registryPaths", new ArrayList<>());
            r.put("exploitabilityLevel", fresh(rnd.nextBoolean() ? "NoExploit" : "ExploitIsPublic"));
            r.put("cvssScore", rnd.nextInt(5) == 0 ? null : Double.valueOf((10 + rnd.nextInt(91)) / 10.0));
            r.put("firstSeenTimestamp", fresh("2024-01-" + (10 + rnd.nextInt(18)) + " 08:12:44"));
            r.put("lastSeenTimestamp", fresh("2024-02-01 06:00:00." + (1000000 + rnd.nextInt(8999999))));
            r.put("securityUpdateAvailable", Boolean.TRUE);
            return SourceRecord.of(SourceRecord.Kind.FINDING, "vulnerability", (String) r.get("id"), r);
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return produced >= total && pos >= filled ? Optional.of(CHECKPOINT) : Optional.empty();
        }

        @Override
        public SyncStats stats() {
            return SyncStats.empty();
        }

        @Override
        public void close() {
        }
    }

    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

}
