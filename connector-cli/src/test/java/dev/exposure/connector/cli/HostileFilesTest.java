package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices, FIFOs and oversized files given as config, secret or checkpoint file are refused with
 * a configuration error naming the file, promptly and without reading them.
 */
class HostileFilesTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(9).machines(3).vulnerabilitiesPerMachine(1)).build();

    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void files() throws Exception {
        config = Cli.configFile(dir, "mde.json", Cli.mdeFields(sim.tenant()), "rw-------");
    }

    private Cli.Run run(String... args) {
        return assertTimeoutPreemptively(PROMPTLY, () -> new Cli(dir).run(args));
    }

    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "mkfifo is available");
            throw e;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo works here");
        return fifo;
    }

    private static void assumeExists(String device) {
        assumeTrue(Files.exists(Path.of(device)), device + " exists");
    }

    @Test
    void shouldRefuseADeviceAsConfigFile() {
        assumeExists("/dev/zero");

        Cli.Run run = run("test", "--config", "/dev/zero");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: config: file /dev/zero is not a regular file");
    }

    @Test
    void shouldRefuseAFifoAsConfigFileWithoutBlocking() throws Exception {
        Path fifo = fifo("config.fifo");

        Cli.Run run = run("sync", "--config", fifo.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: config: file " + fifo + " is not a regular file");
    }

    @Test
    void shouldRefuseAConfigFileBeyondItsLimitNamingTheLimit() throws Exception {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"connector\": \"mde-v2\", \"description\": \"" + "x".repeat(1_200_000) + "\"}");

        Cli.Run run = run("test", "--config", big.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: config: file " + big + " is larger than 1000000 bytes");
    }

    @Test
    void shouldRefuseADeviceAsSecretFile() throws Exception {
        assumeExists("/dev/urandom");
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("clientSecret", Map.of("file", "/dev/urandom"));
        Path file = Cli.configFile(dir, "urandom.json", fields, "rw-------");

        Cli.Run run = run("test", "--config", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("clientSecret: refers to /dev/urandom, which is not a regular file");
        assertThat(sim.tenant().stats().total()).isZero();
    }

    @Test
    void shouldRefuseAFifoAsSecretFileWithoutBlocking() throws Exception {
        Path fifo = fifo("secret.fifo");
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("clientSecret", Map.of("file", "secret.fifo"));
        Path file = Cli.configFile(dir, "fifo.json", fields, "rw-------");

        Cli.Run run = run("test", "--config", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("clientSecret: refers to " + fifo + ", which is not a regular file");
    }

    @Test
    void shouldRefuseAFifoAsCheckpointWithoutBlockingOrSending() throws Exception {
        Path fifo = fifo("ckp.fifo");
        Path out = dir.resolve("out.jsonl");

        Cli.Run run = run("sync", "--config", config.toString(), "--mode", "delta", "--checkpoint", fifo.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: checkpoint: file " + fifo + " is not a regular file");
        assertThat(sim.tenant().stats().total()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldRefuseACheckpointBeyondItsLimitNamingTheLimit() throws Exception {
        Path ckp = dir.resolve("big.checkpoint");
        Files.writeString(ckp, "ckp1." + "A".repeat(70_000));

        Cli.Run run = run("sync", "--config", config.toString(), "--mode", "delta", "--checkpoint", ckp.toString(),
                "--out", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: checkpoint: file " + ckp + " is larger than 65536 bytes");
    }
}
