package dev.exposure.connector.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import dev.exposure.connector.ocsf.OcsfWriter;
import dev.exposure.connector.transform.ModelJson;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Findings per second from {@link Finding} to OCSF JSON bytes ({@link OcsfWriter} on a Jackson
 * {@link JsonGenerator} over a byte sink, one event per line) on one thread, against a baseline
 * measured in the same run: plain Jackson serialization of the same findings with the model's own
 * mapper ({@link ModelJson#mapper()}, {@code writeValue(generator, finding)}) to the same kind of sink.
 * Passes alternate OCSF / baseline so that both see the same machine load.
 *
 * <p>Input: MDE-like vulnerability findings (CVE, CVSS score, product, dates, six attributes), a
 * pool of 4,096 distinct findings cycled through. Rates are per CPU-second of the benchmark thread.
 *
 * <p>Run (see docs/BENCHMARKS.md): build the classpath as for {@link TransformBenchmark}, then
 * {@code java -cp ... dev.exposure.connector.benchmarks.OcsfBenchmark [findings per pass] [warm-up] [measured]}.
 */
public final class OcsfBenchmark {
    private OcsfBenchmark() {}

    /** Counts bytes and drops them. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * @param args findings per pass (default 1000000), warm-up passes (default 3), measured passes (default 5)
     * @throws IOException never (the sink does not fail)
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Finding> pool = findings(4096);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ObjectMapper mapper = ModelJson.mapper();
        List<double[]> results = new ArrayList<>();
        for (int pass = 0; pass < warmup + passes; pass++) {
            OcsfWriter writer = OcsfWriter.builder().productName("Microsoft Defender for Endpoint V2")
                    .vendorName("Microsoft").productVersion("1.0.0").logProvider("mde-v2").time(Instant.now()).build();
            CountingSink ocsfSink = new CountingSink();
            long c0 = cpu.getCurrentThreadCpuTime();
            try (JsonGenerator g = mapper.getFactory().createGenerator(ocsfSink)) {
                g.setRootValueSeparator(new SerializedString("\n"));
                for (int i = 0; i < n; i++) {
                    writer.writeFinding(pool.get(i & 4095), g);
                }
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            CountingSink baseSink = new CountingSink();
            try (JsonGenerator g = mapper.getFactory().createGenerator(baseSink)) {
                g.setRootValueSeparator(new SerializedString("\n"));
                for (int i = 0; i < n; i++) {
                    mapper.writeValue(g, pool.get(i & 4095));
                }
            }
            long c2 = cpu.getCurrentThreadCpuTime();
            double ocsf = n / ((c1 - c0) / 1e9);
            double base = n / ((c2 - c1) / 1e9);
            boolean measured = pass >= warmup;
            System.out.println(String.format(Locale.ROOT, "%s pass %d: OCSF %,.0f findings/CPU-s (%d B each), baseline"
                    + " ModelJson %,.0f findings/CPU-s (%d B each), ratio %.2f", measured ? "measured" : "warm-up ",
                    pass + 1, ocsf, ocsfSink.bytes / n, base, baseSink.bytes / n, ocsf / base));
            if (measured) {
                results.add(new double[] {ocsf, base, ocsf / base});
            }
        }
        results.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] median = results.get(results.size() / 2);
        List<Double> ratios = new ArrayList<>(results.stream().map(r -> r[2]).toList());
        ratios.sort(Double::compare);
        System.out.println(String.format(Locale.ROOT, "median OCSF %,.0f findings/CPU-s; median ratio OCSF/baseline %.2f"
                + " (%.2f-%.2f)", median[0], ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1)));
    }

    static List<Finding> findings(int count) {
        Random r = new Random(42);
        String[][] software = {{"microsoft", "edge_chromium-based", "120.0.2210.91"}, {"mozilla", "firefox", "128.0.0.0"},
            {"google", "chrome", "131.0.6778.86"}, {"microsoft", "windows_11", "10.0.26100.2314"},
            {"oracle", "jre", "8.0.4110.9"}, {"7-zip", "7-zip", "23.1.0.0"}};
        String[] severities = {"Low", "Medium", "High", "Critical"};
        List<Finding> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String device = String.format(Locale.ROOT, "%040x", r.nextLong() & Long.MAX_VALUE);
            String[] sw = software[r.nextInt(software.length)];
            String cve = "CVE-202" + r.nextInt(5) + "-" + (1000 + r.nextInt(50000));
            int sev = r.nextInt(4);
            Instant first = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(20_000_000));
            out.add(Finding.builder().externalFindingId(device + "_" + sw[0] + "_" + sw[1] + "_" + sw[2] + "_" + cve)
                    .externalAssetId(device).findingType(FindingType.VULNERABILITY).findingName(cve)
                    .findingDescription(sw[0] + " " + sw[1] + " " + sw[2]).findingSubType("Software Vulnerability")
                    .addCveIds(cve).severity(sev + 2).vendorSeverity(severities[sev]).qds(40 + sev * 15)
                    .qdsSource(QdsSource.CVE_DATA).cvssScore(4.0 + sev * 1.5).findingStatus(FindingStatus.OPEN)
                    .firstFoundOn(first).lastFoundOn(first.plusSeconds(86_400 * 7)).updatedOn(first.plusSeconds(3600))
                    .recommendation("Update " + sw[1]).remediationStrategy("va-_-" + sw[0] + "-_-" + sw[1])
                    .exploitability(r.nextBoolean() ? "NoExploit" : "ExploitIsPublic").productVendor(sw[0])
                    .productName(sw[1]).productVersion(sw[2]).vendorProductName("Defender")
                    .putAttributes("vendorFindingId", cve).putAttributes("deviceName", "host-" + i + ".corp.example")
                    .putAttributes("osPlatform", "Windows11").putAttributes("rbacGroupName", "Finance")
                    .putAttributes("recommendationReference", "va-_-" + sw[0] + "-_-" + sw[1])
                    .putAttributes("diskPaths", "C:\\Program Files\\" + sw[1] + "\\app.exe").build());
        }
        return out;
    }
}
