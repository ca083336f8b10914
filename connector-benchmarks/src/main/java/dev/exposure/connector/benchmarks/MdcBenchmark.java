package dev.exposure.connector.benchmarks;

import dev.exposure.connector.SyncRequest;
import java.util.List;

/**
 * SDK assessments sync end to end against a simulated Azure tenant: {@code mdc-vm} connector
 * (VM index, then assessments page by page through Resource Graph) -> {@code Transformer} (the
 * descriptor's default maps and severity mapping, dedup) -> a counting sink.
 *
 * <p>Options: {@code --vms 10000 --assessments-per-vm 20 --subscriptions 2 --seed 7 --page-size 1000
 * --passes 1} and the tenant options of {@link Tenant}.
 */
public final class MdcBenchmark {
    private MdcBenchmark() {}

    /**
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        int vms = a.intOpt("--vms", 10_000);
        int perVm = a.intOpt("--assessments-per-vm", 20);
        int passes = a.intOpt("--passes", 1);
        int pageSize = a.intOpt("--page-size", 1000);
        try (Tenant tenant = Tenant.open("azure", a, List.of("--seed", a.str("--seed", "7"), "--vms", Integer.toString(vms),
                "--assessments-per-vm", Integer.toString(perVm), "--subscriptions", a.str("--subscriptions", "2")))) {
            long expected = tenant.expected("expectedAssessments").orElse(-1L);
            long expectedVms = tenant.expected("expectedVms").orElse(-1L);
            System.out.printf("MdcBenchmark: %,d VMs x %d assessments (%,d assessments), simulator %s, JDK %s, %d cores,"
                    + " Xmx %d MB%n", vms, perVm, expected, tenant.mode, Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), HeapWatch.maxHeapMb());
            System.out.println("| run | VMs | assessments | $top | pass | raw rows | delivered | dup removed | skipped | wall s"
                    + " | rows/s | API calls (connector) | min Resource Graph pages | throttled s | heap pool peak MB"
                    + " | max heap after GC MB | live at end MB | of it dedup set MB | heap at start MB | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            int subs = tenant.props.containsKey("subscriptions") ? tenant.get("subscriptions").split(",").length : 1;
            for (int pass = 1; pass <= passes; pass++) {
                tenant.resetStats();
                SdkRun r = SdkRun.findings("mdc-vm", tenant, SyncRequest.builder().pageSize(pageSize).build());
                // one VM query and one assessment query per batch of up to 100 subscriptions, each paged
                long minPages = expected < 0 ? -1
                        : (expectedVms + pageSize - 1) / pageSize + (expected + pageSize - 1) / pageSize + (subs - 1) / 100 * 2;
                System.out.printf("| mdc-vm findings | %,d | %,d | %,d | %d | %,d | %,d | %,d | %,d | %.2f | %,.0f | %d | %d |"
                                + " %.1f | %s | %s | %s | %s | %s | %s |%n", vms, expected, pageSize, pass, r.stats.records(), r.delivered,
                        r.report.duplicatesRemoved(), r.report.skipped(), r.seconds, r.stats.records() / r.seconds,
                        r.stats.requests(), minPages, r.stats.throttledTime().toMillis() / 1000.0, HeapWatch.mb(r.poolPeak),
                        HeapWatch.mb(r.maxAfterGc), HeapWatch.mb(r.liveAtEnd), HeapWatch.mb(r.report.dedupMemoryBytes()),
                        HeapWatch.mb(r.baselineHeap), r.load);
                tenant.stats().forEach(s -> System.out.println("    simulator " + s + "   (count, peak/min, peak/5s, peak/s)"));
                if (!r.stats.notices().isEmpty()) {
                    System.out.println("    notices: " + r.stats.notices());
                }
                System.out.printf("    transform report: %s, dedup set %s MB%n", r.report, HeapWatch.mb(r.report.dedupMemoryBytes()));
            }
        }
    }
}
