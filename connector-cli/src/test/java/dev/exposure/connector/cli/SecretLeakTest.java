package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client secret and the bearer tokens the simulated tenant issued never appear in anything the
 * command line prints, logs or writes, at default verbosity and with --verbose.
 */
class SecretLeakTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(21).machines(8).vulnerabilitiesPerMachine(3).clientSecret("Leak~Canary~Secret~0042"))
            .build();

    /** The simulator's opaque tokens: "sim-" and two hex hashes. */
    static final Pattern TOKEN = Pattern.compile("sim-[0-9a-f]{12,}");
    static final String SECRET = "Leak~Canary~Secret~0042";

    @TempDir
    Path dir;

    @Test
    void shouldNeverPrintOrWriteTheSecretOrATokenInProcess() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Path config = Cli.configFile(dir, "mde.json", Cli.mdeFields(t), "rw-r--r--");
        Map<String, Object> wrong = Cli.mdeFields(t);
        wrong.put("tenantId", "not-a-guid");
        Path invalid = Cli.configFile(dir, "invalid.json", wrong, "rw-------");
        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("ckp");
        StringBuilder seen = new StringBuilder();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(process, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (String verbose : List.of("--verbose", "--no-verbose")) {
                List<List<String>> commands = List.of(
                        List.of("test", "--config", config.toString()),
                        List.of("test", "--config", invalid.toString()),
                        List.of("sync", "--config", config.toString(), "--out", out.toString(), "--checkpoint",
                                checkpoint.toString()),
                        List.of("sync", "--config", config.toString(), "--out", "-", "--format", "raw"),
                        List.of("sync", "--config", config.toString(), "--out", out.toString(), "--mode", "delta",
                                "--checkpoint", checkpoint.toString()));
                for (List<String> command : commands) {
                    List<String> args = new ArrayList<>(command);
                    if (verbose.equals("--verbose")) {
                        args.add(verbose);
                    }
                    Cli.Run run = new Cli(dir).run(args.toArray(String[]::new));
                    seen.append(run.all());
                }
                t.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.status(500), Integer.MAX_VALUE);
                List<String> failing = new ArrayList<>(List.of("sync", "--config", config.toString(), "--out",
                        out.toString()));
                if (verbose.equals("--verbose")) {
                    failing.add("--verbose");
                }
                Cli.Run failed = new Cli(dir).run(failing.toArray(String[]::new));
                assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILURE);
                seen.append(failed.all());
                t.faults().clear();
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        seen.append(process.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".json"))
                    .toList()) {
                seen.append(Files.readString(f));
            }
        }
        assertThat(t.tokensIssued()).as("the runs did authenticate").isPositive();
        assertThat(seen.toString()).as("everything printed, logged and written").doesNotContain(SECRET)
                .doesNotContainPattern(TOKEN);
        assertThat(seen.toString()).contains("\tat ").as("--verbose printed stack traces, and they were scanned too");
    }

    @Test
    void shouldSyncThroughTheJvmTruststorePropertiesWithDebugLogsAndNoSecretInASeparateProcess() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Path config = Cli.configFile(dir, "mde.json", Cli.mdeFields(t), "rw-------");
        Path out = dir.resolve("records.jsonl");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(),
                "-Djavax.net.ssl.trustStore=" + TestTls.truststorePath(),
                "-Djavax.net.ssl.trustStorePassword=" + TestTls.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + TestTls.STORE_TYPE,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sync", "--config", config.toString(), "--out", out.toString(), "--verbose");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("--verbose raised the library logs to DEBUG").contains("[DEBUG]");
        assertThat(Files.readAllLines(out)).hasSize(t.expectedMachines() + (int) t.expectedDistinctFindings());
        assertThat(output + Files.readString(out)).doesNotContain(SECRET).doesNotContainPattern(TOKEN);
    }
}
