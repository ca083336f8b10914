package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a Defender for Cloud sync that is being paced by the Resource Graph quota. */
class MdcInterruptTest {
    @RegisterExtension
    static final SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(9).vms(6_000).assessmentsPerVm(1).quota(3, Duration.ofSeconds(5))).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldStopPromptlyWhileWaitingForTheQuota() throws Exception {
        Path config = Cli.configFile(dir, "mdc.json", Cli.mdcFields(azure.tenant()), "rw-------");
        Cli cli = new Cli(dir);
        Instant[] pressed = new Instant[1];
        Thread presser = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((azure.tenant().stats().count(Endpoint.RESOURCE_GRAPH) < 4 || cli.ctrlC.get() == null)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            pressed[0] = Instant.now();
            try {
                cli.pressCtrlC().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        presser.start();

        Cli.Run run = cli.run("sync", "--config", config.toString(), "--out", dir.resolve("o.jsonl").toString());
        Instant end = Instant.now();
        presser.join();

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(Duration.between(pressed[0], end)).as(run.err()).isLessThan(Duration.ofSeconds(5));
    }
}
