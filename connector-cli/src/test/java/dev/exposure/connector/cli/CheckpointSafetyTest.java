package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One sync at a time per checkpoint file, and a checkpoint is checked in full before anything happens. */
class CheckpointSafetyTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(5).machines(10).vulnerabilitiesPerMachine(3)).build();

    @TempDir
    Path dir;
    Path config;
    Path checkpoint;
    Path out;

    @BeforeEach
    void files() throws Exception {
        config = Cli.configFile(dir, "mde.json", Cli.mdeFields(sim.tenant()), "rw-------");
        checkpoint = dir.resolve("state/mde.checkpoint");
        out = dir.resolve("records.jsonl");
    }

    private String[] sync(String... extra) {
        return syncTo(out, extra);
    }

    private String[] syncTo(Path output, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sync", "--config",
                config.toString(), "--checkpoint", checkpoint.toString(), "--out", output.toString()));
        args.addAll(java.util.List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(60)
    void shouldRefuseASecondSyncOnTheSameCheckpointAtOnceNamingTheHolder() throws Exception {
        sim.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.delay(Duration.ofSeconds(20)));
        Cli first = new Cli(dir);
        CompletableFuture<Cli.Run> running = CompletableFuture.supplyAsync(() -> first.run(sync()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.tenant().stats().count(Endpoint.VULNERABILITIES) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Instant start = Instant.now();

        Cli.Run second = new Cli(dir).run(syncTo(dir.resolve("second.jsonl")));

        assertThat(Duration.between(start, Instant.now())).as("fails at once").isLessThan(Duration.ofSeconds(5));
        assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.FAILURE);
        assertThat(second.err()).contains("error: checkpoint file " + checkpoint + " is in use by another sync")
                .contains("pid " + ProcessHandle.current().pid() + ", started ");
        assertThat(dir.resolve("second.jsonl")).as("nothing was opened").doesNotExist();
        first.pressCtrlC().join();
        assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
        sim.tenant().faults().clear();

        Cli.Run third = new Cli(dir).run(sync());
        assertThat(third.exitCode()).as("the lock is released when a run ends: " + third.all()).isZero();
        assertThat(checkpoint).exists();
    }

    @Test
    void shouldNotBeBlockedByTheLockFileOfAProcessThatDied() throws Exception {
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint.resolveSibling("mde.checkpoint.lock"), "pid 999999999, started 2026-01-01T00:00:00Z\n");

        Cli.Run run = new Cli(dir).run(sync());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(checkpoint).exists();
    }

    private void store(Checkpoint c) throws Exception {
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint, c.encode() + "\n");
        Files.writeString(out, "{\"recordType\":\"asset\",\"kept\":true}\n");
    }

    private Checkpoint.Builder valid() {
        Instant now = Instant.now();
        return Checkpoint.builder().connectorId("mde-v2").scope(sim.tenant().tenantId())
                .position(now.minus(Duration.ofHours(2)).toString()).createdAt(now.minus(Duration.ofHours(2)))
                .putAttributes("lastFullSync", now.minus(Duration.ofHours(3)).toString());
    }

    private void assertRefusedBeforeAnything(Cli.Run run, String why) throws Exception {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("error: checkpoint: file " + checkpoint).contains(why)
                .contains("delete it to run a full sync");
        assertThat(sim.tenant().stats().total()).as("no request was sent").isZero();
        assertThat(Files.readString(out)).as("the output file was not opened").contains("\"kept\":true");
    }

    @Test
    void shouldRefuseACheckpointCreatedInTheFutureBeforeAnyRequestOrOutput() throws Exception {
        store(valid().createdAt(Instant.now().plus(Duration.ofDays(2))).build());

        assertRefusedBeforeAnything(new Cli(dir).run(sync("--mode", "delta")), "was created in the future");
    }

    @Test
    void shouldRefuseACheckpointPositionInTheFutureBeforeAnyRequestOrOutput() throws Exception {
        store(valid().position(Instant.now().plus(Duration.ofHours(3)).toString()).build());

        assertRefusedBeforeAnything(new Cli(dir).run(sync("--mode", "delta")), "has a position in the future");
    }

    @Test
    void shouldRefuseAnUnreadableCheckpointPositionBeforeAnyRequestOrOutput() throws Exception {
        store(valid().position("yesterday\u001b[2J").build());

        Cli.Run run = new Cli(dir).run(sync("--mode", "delta"));

        assertRefusedBeforeAnything(run, "has an unreadable position ('yesterday?[2J'");
        assertThat(run.all()).doesNotContain("\u001b");
    }

    @Test
    void shouldAcceptACheckpointWithinTheClockSkew() throws Exception {
        store(valid().createdAt(Instant.now().plus(Duration.ofMinutes(1))).build());

        Cli.Run run = new Cli(dir).run(sync("--mode", "delta"));

        assertThat(run.exitCode()).as(run.all()).isZero();
    }
}
