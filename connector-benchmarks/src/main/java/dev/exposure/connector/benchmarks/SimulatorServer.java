package dev.exposure.connector.benchmarks;

import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.RequestStats;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one simulated tenant in its own JVM, so that a benchmark measures the SDK and not the
 * simulator sharing its two cores and heap.
 *
 * <p>Usage: {@code SimulatorServer mde [--seed 7] [--machines 10000] [--vulns 200] [--change-share 0.01]}
 * or {@code SimulatorServer azure [--seed 7] [--vms 10000] [--assessments-per-vm 20] [--subscriptions 2]}.
 *
 * <p>Prints {@code key=value} lines (base URL, authority, tenant and client id, the simulator's
 * client secret, scope, expected counts), then {@code ready}. Then it reads commands from stdin:
 * {@code stats} prints one line {@code stat <ENDPOINT> <count> <peak/min> <peak/5s> <peak/s>} per
 * endpoint family followed by {@code end}; {@code reset} clears faults and statistics and prints
 * {@code ok}; {@code quit} or end of input stops the tenant.
 */
public final class SimulatorServer {
    private SimulatorServer() {}

    /**
     * @param args {@code mde|azure} and the size options
     * @throws Exception when the tenant cannot start
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        String kind = a.positional(0, "mde");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> props = new LinkedHashMap<>();
        AutoCloseable tenant;
        RequestStats stats;
        Runnable reset;
        if (kind.equals("mde")) {
            SimulatedMdeTenant t = mde(a).start();
            tenant = t;
            stats = t.stats();
            reset = t::reset;
            describe(t, props);
        } else if (kind.equals("azure")) {
            SimulatedAzureTenant t = azure(a).start();
            tenant = t;
            stats = t.stats();
            reset = t::reset;
            describe(t, props);
        } else {
            throw new IllegalArgumentException("first argument must be mde or azure, was " + kind);
        }
        try (tenant) {
            props.forEach((k, v) -> out.println(k + "=" + v));
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.trim()) {
                    case "stats" -> {
                        for (String s : statLines(stats)) {
                            out.println(s);
                        }
                        out.println("end");
                    }
                    case "reset" -> {
                        reset.run();
                        out.println("ok");
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> out.println("unknown command: " + line);
                }
            }
        }
    }

    /** @return the MDE tenant the options describe (not started) */
    static SimulatedMdeTenant mde(Args a) {
        return SimulatedMdeTenant.builder()
                .seed(a.longOpt("--seed", 7))
                .machines(a.intOpt("--machines", 10_000))
                .vulnerabilitiesPerMachine(a.intOpt("--vulns", 200))
                .changeShare(a.doubleOpt("--change-share", 0.01))
                .build();
    }

    /** @return the Azure tenant the options describe (not started) */
    static SimulatedAzureTenant azure(Args a) {
        return SimulatedAzureTenant.builder()
                .seed(a.longOpt("--seed", 7))
                .subscriptionCount(a.intOpt("--subscriptions", 2))
                .vms(a.intOpt("--vms", 10_000))
                .assessmentsPerVm(a.intOpt("--assessments-per-vm", 20))
                .build();
    }

    static void describe(SimulatedMdeTenant t, Map<String, String> p) {
        p.put("kind", "mde");
        p.put("baseUrl", t.baseUrl().toString());
        p.put("authority", t.authenticationUrl());
        p.put("tenantId", t.tenantId());
        p.put("clientId", t.clientId());
        p.put("clientSecret", t.clientSecret());
        p.put("scope", t.tokenScope());
        p.put("tokenUrl", t.tokenUrl().toString());
        p.put("expectedRawFindingRows", Long.toString(t.expectedRawFindingRows()));
        p.put("expectedDistinctFindings", Long.toString(t.expectedDistinctFindings()));
        p.put("expectedDeltaRows", Long.toString(t.expectedDeltaRows()));
        p.put("expectedMachines", Integer.toString(t.expectedMachines()));
    }

    static void describe(SimulatedAzureTenant t, Map<String, String> p) {
        p.put("kind", "azure");
        p.put("baseUrl", t.baseUrl().toString());
        p.put("authority", t.authenticationUrl());
        p.put("tenantId", t.tenantId());
        p.put("clientId", t.clientId());
        p.put("clientSecret", t.clientSecret());
        p.put("scope", t.tokenScope());
        p.put("tokenUrl", t.tokenUrl().toString());
        p.put("subscriptions", String.join(",", t.subscriptions()));
        p.put("expectedVms", Long.toString(t.expectedVms()));
        p.put("expectedAssessments", Long.toString(t.expectedAssessments()));
    }

    static java.util.List<String> statLines(RequestStats stats) {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            int n = stats.count(e);
            if (n > 0) {
                l.add("stat " + e + " " + n + " " + stats.peakPerMinute(e) + " " + stats.peak(e, Duration.ofSeconds(5))
                        + " " + stats.peak(e, Duration.ofSeconds(1)));
            }
        }
        return l;
    }
}
