package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write failure of the records' destination (a consumer that went away, a full device, a full
 * disk) fails the run with exit code 1, writes no checkpoint, and never leaves a torn line.
 */
class OutputFailureTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(17).machines(60).vulnerabilitiesPerMachine(12)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path config;
    Path checkpoint;

    @BeforeEach
    void files() throws Exception {
        config = Cli.configFile(dir, "mde.json", Cli.mdeFields(sim.tenant()), "rw-------");
        checkpoint = dir.resolve("mde.checkpoint");
    }

    /** Standard output as a pipe to {@code head -n 3}: three lines are read, then the pipe is closed. */
    static final class HeadOfThreeLines extends OutputStream {
        int lines;

        @Override
        public void write(int b) throws IOException {
            if (lines >= 3) {
                throw new IOException("Broken pipe");
            }
            if (b == '\n') {
                lines++;
            }
        }
    }

    @Test
    void shouldFailAndWriteNoCheckpointWhenTheConsumerOfStdoutGoesAway() {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new HeadOfThreeLines(), StandardCharsets.UTF_8),
                true);

        Cli.Run run = new Cli(dir).runWithStdout(stdout, "sync", "--config", config.toString(), "--out", "-",
                "--checkpoint", checkpoint.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("error: cannot write the records to stdout").contains("no checkpoint was written")
                .doesNotContain("checkpoint  written").doesNotContain("\tat ");
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void shouldFailAndWriteNoCheckpointWhenStdoutIsAFullDeviceInARealProcess() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "/dev/full exists (Linux)");

        Process p = new ProcessBuilder(Cli.jvm("sync", "--config", config.toString(), "--out", "-", "--checkpoint",
                checkpoint.toString())).redirectOutput(full.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.FAILURE);
        assertThat(err).contains("error: cannot write the records to stdout");
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void shouldFailAndWriteNoCheckpointWhenTheOutputFileIsOnAFullDevice() {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full exists (Linux)");

        Cli.Run run = new Cli(dir).run("sync", "--config", config.toString(), "--out", "/dev/full", "--checkpoint",
                checkpoint.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("error: cannot write the records to /dev/full");
        assertThat(checkpoint).doesNotExist();
    }

    /**
     * A disk that fills up part-way through a write: a real file-size limit ({@code ulimit -f},
     * which the JVM meets as EFBIG, as it meets ENOSPC on a full disk) in a separate process.
     */
    @Test
    void shouldLeaveOnlyWholeLinesWhenTheDiskFillsUpMidWrite() throws Exception {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "a POSIX shell");
        Path out = dir.resolve("records.jsonl");
        List<String> cmd = new ArrayList<>(List.of(sh.toString(), "-c", "ulimit -f 600 && exec \"$@\"", "sh"));
        cmd.addAll(Cli.jvm("sync", "--config", config.toString(), "--out", out.toString(), "--checkpoint",
                checkpoint.toString()));

        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(ExitCodes.FAILURE);
        assertThat(output).contains("error: cannot write the records to " + out).contains("File too large");
        String text = Files.readString(out);
        assertThat(text).as("records were written before the disk filled up").isNotEmpty().endsWith("\n");
        for (String line : text.split("\n")) {
            assertThat(JSON.readTree(line).get("recordType").asText()).isIn("asset", "finding");
        }
        assertThat(checkpoint).doesNotExist();
    }
}
