package dev.exposure.connector.benchmarks;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.SyncRequest;
import java.util.List;

/**
 * SDK findings sync end to end against a simulated MDE tenant: {@code mde-v2} connector ->
 * {@code Transformer} (the descriptor's default maps, severity mapping, normalization, dedup) ->
 * a counting sink.
 *
 * <p>Options: {@code --machines 10000 --vulns 200 --seed 7 --page-size 200000,50000 --passes 1 --warmup 0}
 * and the tenant options of {@link Tenant}. With {@code --delta}, each pass is a full run followed
 * by a delta run (fresh connector) with the full run's checkpoint; the simulator's change rate is
 * {@code --change-share 0.01}. Warm-up runs (JIT, class loading, TLS session) are printed but
 * labelled as such.
 *
 * <p>Prints table rows: rows, wall time, rows/s, API calls against the minimum the page size
 * allows, the simulator's per-endpoint request counts and peak rates, and heap (sum of heap pool
 * peaks after a forced GC at start; largest occupancy right after a GC).
 */
public final class MdeSyncBenchmark {
    private MdeSyncBenchmark() {}

    /**
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        int machines = a.intOpt("--machines", 10_000);
        int vulns = a.intOpt("--vulns", 200);
        int passes = a.intOpt("--passes", 1);
        boolean delta = a.flag("--delta");
        List<Integer> pageSizes = a.ints("--page-size", List.of(200_000, 50_000));
        try (Tenant tenant = Tenant.open("mde", a, List.of("--seed", a.str("--seed", "7"), "--machines",
                Integer.toString(machines), "--vulns", Integer.toString(vulns), "--change-share",
                a.str("--change-share", "0.01")))) {
            long expectedRaw = tenant.expected("expectedRawFindingRows").orElse(-1L);
            System.out.printf("MdeSyncBenchmark: %,d machines x %d vulnerabilities (raw rows %,d, distinct %s, delta rows %s),"
                            + " simulator %s, JDK %s, %d cores, Xmx %d MB%n", machines, vulns, expectedRaw,
                    tenant.props.get("expectedDistinctFindings"), tenant.props.get("expectedDeltaRows"), tenant.mode,
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), HeapWatch.maxHeapMb());
            System.out.println("| run | findings | pageSize | pass | raw rows | delivered | dup removed | skipped | wall s"
                    + " | raw rows/s | API calls (connector) | min export pages | throttled s | heap pool peak MB"
                    + " | max heap after GC MB | live at end MB | of it dedup set MB | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            int warmup = a.intOpt("--warmup", 0);
            for (int w = 1; w <= warmup; w++) {
                SdkRun r = SdkRun.findings("mde-v2", tenant, SyncRequest.builder().pageSize(pageSizes.get(0)).build());
                row("warm-up (not counted)", (long) machines * vulns, pageSizes.get(0), w, r, -1);
            }
            for (int pass = 1; pass <= passes; pass++) {
                for (int pageSize : pageSizes) {
                    tenant.resetStats();
                    SdkRun full = SdkRun.findings("mde-v2", tenant, SyncRequest.builder().pageSize(pageSize).build());
                    long minPages = expectedRaw < 0 ? -1 : Math.max(1, (expectedRaw + pageSize - 1) / pageSize);
                    row("full", (long) machines * vulns, pageSize, pass, full, minPages);
                    List<String> stats = tenant.stats();
                    stats.forEach(s -> System.out.println("    simulator " + s + "   (count, peak/min, peak/5s, peak/s)"));
                    if (!full.stats.notices().isEmpty()) {
                        System.out.println("    notices: " + full.stats.notices());
                    }
                    if (delta) {
                        Checkpoint cp = full.checkpoint.orElseThrow(() -> new IllegalStateException("full run gave no checkpoint"));
                        tenant.resetStats();
                        SdkRun d = SdkRun.findings("mde-v2", tenant, SyncRequest.builder().mode(SyncRequest.Mode.DELTA)
                                .checkpoint(cp).pageSize(pageSize).build());
                        long deltaRows = tenant.expected("expectedDeltaRows").orElse(-1L);
                        row("delta", (long) machines * vulns, pageSize, pass, d,
                                deltaRows < 0 ? -1 : Math.max(1, (deltaRows + pageSize - 1) / pageSize));
                        tenant.stats().forEach(s -> System.out.println("    simulator " + s));
                        d.stats.fullSyncFallback().ifPresent(f -> System.out.println("    DELTA FELL BACK TO FULL: " + f));
                        System.out.printf("    delta/full wall time: %.2f%% (%.2f s / %.2f s); delta rows %,d of %,d raw;"
                                + " time to the first record (token, TLS, first response): delta %.2f s, full %.2f s%n",
                                100 * d.seconds / full.seconds, d.seconds, full.seconds, d.stats.records(), full.stats.records(),
                                d.firstRecordSeconds, full.firstRecordSeconds);
                    }
                }
            }
        }
    }

    static void row(String run, long findings, int pageSize, int pass, SdkRun r, long minPages) {
        System.out.printf("| %s | %,d | %,d | %d | %,d | %,d | %,d | %,d | %.2f | %,.0f | %d | %d | %.1f | %s | %s | %s | %s | %s |%n",
                run, findings, pageSize, pass, r.stats.records(), r.delivered, r.report.duplicatesRemoved(),
                r.report.skipped(), r.seconds, r.stats.records() / r.seconds, r.stats.requests(), minPages,
                r.stats.throttledTime().toMillis() / 1000.0, HeapWatch.mb(r.poolPeak), HeapWatch.mb(r.maxAfterGc),
                HeapWatch.mb(r.liveAtEnd), HeapWatch.mb(r.report.dedupMemoryBytes()), r.load);
    }
}
