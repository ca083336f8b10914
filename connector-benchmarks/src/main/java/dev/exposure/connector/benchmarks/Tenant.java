package dev.exposure.connector.benchmarks;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A simulated tenant the benchmark talks to: started in this JVM ({@code --simulator in-jvm}), in a
 * child JVM running {@link SimulatorServer} ({@code --simulator spawn}, the default), or already
 * running elsewhere ({@code --tenant-url URL --tenant-id .. --client-id .. --client-secret ..
 * [--scope ..] [--subscriptions ..]}, e.g. a {@code SimulatorServer} started by hand; then the
 * request statistics are not available here: type {@code stats} into that server).
 */
final class Tenant implements AutoCloseable {
    final Map<String, String> props;
    final String mode;
    private final @Nullable AutoCloseable inJvm;
    private final @Nullable Process process;
    private final @Nullable BufferedReader fromChild;
    private final @Nullable PrintWriter toChild;
    private final @Nullable Runnable inJvmReset;
    private final java.util.function.@Nullable Supplier<List<String>> inJvmStats;

    private Tenant(Map<String, String> props, String mode, @Nullable AutoCloseable inJvm, @Nullable Process process,
            @Nullable BufferedReader fromChild, @Nullable PrintWriter toChild, @Nullable Runnable inJvmReset,
            java.util.function.@Nullable Supplier<List<String>> inJvmStats) {
        this.props = props;
        this.mode = mode;
        this.inJvm = inJvm;
        this.process = process;
        this.fromChild = fromChild;
        this.toChild = toChild;
        this.inJvmReset = inJvmReset;
        this.inJvmStats = inJvmStats;
    }

    /**
     * @param kind {@code mde} or {@code azure}
     * @param a the benchmark's arguments (sizes, {@code --simulator}, {@code --tenant-url}, ...)
     * @param sizeArgs the size options to hand a child {@link SimulatorServer}
     */
    static Tenant open(String kind, Args a, List<String> sizeArgs) {
        if (a.opt("--tenant-url").isPresent()) {
            Map<String, String> p = new LinkedHashMap<>();
            String url = a.opt("--tenant-url").get().replaceAll("/+$", "");
            p.put("kind", kind);
            p.put("baseUrl", url);
            p.put("authority", a.str("--authority", url + "/"));
            p.put("tenantId", a.opt("--tenant-id").orElseThrow(() -> new IllegalArgumentException("--tenant-id needed")));
            p.put("clientId", a.opt("--client-id").orElseThrow(() -> new IllegalArgumentException("--client-id needed")));
            p.put("clientSecret", a.opt("--client-secret").orElseThrow(
                    () -> new IllegalArgumentException("--client-secret needed")));
            p.put("scope", a.str("--scope", kind.equals("mde") ? SimulatedMdeTenant.DEFAULT_SCOPE
                    : SimulatedAzureTenant.DEFAULT_SCOPE));
            p.put("tokenUrl", p.get("authority") + p.get("tenantId") + "/oauth2/v2.0/token");
            a.opt("--subscriptions").ifPresent(s -> p.put("subscriptions", s));
            return new Tenant(p, "external (" + url + ")", null, null, null, null, null, null);
        }
        String sim = a.str("--simulator", "spawn");
        Args sizes = new Args(sizeArgs.toArray(String[]::new));
        if (sim.equals("in-jvm")) {
            Map<String, String> p = new LinkedHashMap<>();
            if (kind.equals("mde")) {
                SimulatedMdeTenant t = SimulatorServer.mde(sizes).start();
                SimulatorServer.describe(t, p);
                return new Tenant(p, "in-jvm", t, null, null, null, t::reset, () -> SimulatorServer.statLines(t.stats()));
            }
            SimulatedAzureTenant t = SimulatorServer.azure(sizes).start();
            SimulatorServer.describe(t, p);
            return new Tenant(p, "in-jvm", t, null, null, null, t::reset, () -> SimulatorServer.statLines(t.stats()));
        }
        if (!sim.equals("spawn")) {
            throw new IllegalArgumentException("--simulator must be spawn or in-jvm, was " + sim);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(a.str("--simulator-heap", "-Xmx512m"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SimulatorServer.class.getName());
        cmd.add(kind);
        cmd.addAll(sizeArgs);
        try {
            Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter w = new PrintWriter(new OutputStreamWriter(proc.getOutputStream(), StandardCharsets.UTF_8), true);
            Map<String, String> p = new LinkedHashMap<>();
            for (String line; (line = r.readLine()) != null && !line.equals("ready"); ) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    p.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (!p.containsKey("baseUrl")) {
                proc.destroy();
                throw new IllegalStateException("SimulatorServer did not start");
            }
            return new Tenant(p, "separate JVM (pid " + proc.pid() + ")", null, proc, r, w, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key) {
        String v = props.get(key);
        if (v == null) {
            throw new IllegalStateException("tenant property " + key + " unknown");
        }
        return v;
    }

    Optional<Long> expected(String key) {
        return Optional.ofNullable(props.get(key)).map(Long::parseLong);
    }

    /** Clears the simulator's statistics (no-op for an external tenant). */
    void resetStats() {
        if (inJvmReset != null) {
            inJvmReset.run();
        } else if (process != null) {
            java.util.Objects.requireNonNull(toChild).println("reset");
            readUntil("ok");
        }
    }

    /** @return {@code stat ENDPOINT count peak/min peak/5s peak/s} lines, empty for an external tenant */
    List<String> stats() {
        if (inJvmStats != null) {
            return inJvmStats.get();
        }
        if (process == null) {
            return List.of();
        }
        java.util.Objects.requireNonNull(toChild).println("stats");
        return readUntil("end");
    }

    private List<String> readUntil(String terminator) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line; (line = java.util.Objects.requireNonNull(fromChild).readLine()) != null && !line.equals(terminator); ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** @return a configuration for the tenant's connector ({@code cloud=custom}) */
    ConnectionConfig config() {
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .name("Benchmark tenant")
                .tenantId(get("tenantId"))
                .clientId(get("clientId"))
                .clientSecret(Secret.of(get("clientSecret")))
                .authenticationUrl(get("authority"))
                .cloud("custom")
                .putOptions("cloud", "custom")
                .putOptions("tokenScope", get("scope"));
        if (get("kind").equals("mde")) {
            b.putOptions("apiBaseUrl", get("baseUrl"));
        } else {
            b.putOptions("resourceManagerUrl", get("baseUrl"));
            b.putOptions("subscriptions", get("subscriptions"));
        }
        return b.build();
    }

    /** @return the context the testkit hands out: the trusting azure-core client and SSL context */
    static ConnectorContext context() {
        return ConnectorContext.builder()
                .with(com.azure.core.http.HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .build();
    }

    @Override
    public void close() {
        try {
            if (inJvm != null) {
                inJvm.close();
            }
            if (process != null && toChild != null) {
                toChild.println("quit");
                toChild.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the simulated tenant", e);
        }
    }
}
