package dev.exposure.connector.cli;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.testkit.TestTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr and a scriptable Ctrl-C. */
final class Cli {
    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final AtomicReference<@Nullable Runnable> ctrlC = new AtomicReference<>();
    java.util.function.Supplier<dev.exposure.connector.Connectors> connectors = dev.exposure.connector.Connectors::load;
    private final Path workingDirectory;

    Cli(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    CliEnvironment environment() {
        return CliEnvironment.builder()
                .env(env::get)
                .workingDirectory(workingDirectory)
                .connectors(connectors)
                .context(ConnectorContext.builder().with(HttpClient.class, TestTls.trustingHttpClient())
                        .with(SSLContext.class, TestTls.sslContext()).build())
                .signals(hook -> {
                    ctrlC.set(hook);
                    return () -> ctrlC.set(null);
                })
                .progressInterval(Duration.ofMillis(50))
                .build();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        Run run = runWithStdout(new PrintWriter(out, true), args);
        return new Run(run.exitCode(), out.toString(), run.err());
    }

    /** Runs with the given standard output (e.g. one that fails); {@link Run#out()} is empty. */
    Run runWithStdout(PrintWriter stdout, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = ConnectorCli.commandLine(environment());
        cl.setOut(stdout);
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, "", err.toString());
    }

    /**
     * The command line of {@link Main} in a separate JVM that trusts the testkit's certificate (for
     * the simulated tenants), with no performance-data file.
     */
    static List<String> jvm(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:-UsePerfData",
                "-Djavax.net.ssl.trustStore=" + TestTls.truststorePath(),
                "-Djavax.net.ssl.trustStorePassword=" + TestTls.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + TestTls.STORE_TYPE,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Presses Ctrl-C as the JVM would: the registered hook runs on its own thread. */
    Thread pressCtrlC() {
        Runnable hook = ctrlC.get();
        if (hook == null) {
            throw new IllegalStateException("no command is running");
        }
        Thread t = new Thread(hook, "test-ctrl-c");
        t.start();
        return t;
    }

    /**
     * Starts a thread that presses Ctrl-C once a command is running and {@code ready} holds (or
     * after 20 s), then waits for the hook to finish; join it after the command returns.
     */
    Thread pressCtrlCWhen(BooleanSupplier ready) {
        Thread presser = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((!ready.getAsBoolean() || ctrlC.get() == null) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            try {
                pressCtrlC().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        presser.start();
        return presser;
    }

    /** Writes a config file (owner-only permissions unless told otherwise). */
    static Path configFile(Path dir, String name, Map<String, ?> fields, String permissions) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(fields));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    static Map<String, Object> mdeFields(dev.exposure.connector.sim.SimulatedMdeTenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connector", "mde-v2");
        m.put("name", "Simulated MDE");
        m.put("tenantId", t.tenantId());
        m.put("clientId", t.clientId());
        m.put("clientSecret", t.clientSecret());
        m.put("authenticationUrl", t.authenticationUrl());
        m.put("cloud", "custom");
        m.put("apiBaseUrl", t.baseUrl().toString());
        // no scope: the custom cloud's default is the simulator's (and the field's name has changed once already)
        m.put("maxRetries", 0);
        return m;
    }

    static Map<String, Object> mdcFields(dev.exposure.connector.sim.SimulatedAzureTenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connector", "mdc-vm");
        m.put("name", "Simulated Azure");
        m.put("tenantId", t.tenantId());
        m.put("clientId", t.clientId());
        m.put("clientSecret", t.clientSecret());
        m.put("authenticationUrl", t.authenticationUrl());
        m.put("cloud", "custom");
        m.put("resourceManagerUrl", t.baseUrl().toString());
        m.put("subscriptions", t.subscriptions());
        return m;
    }
}
