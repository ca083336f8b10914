package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(11).machines(30).vulnerabilitiesPerMachine(4).duplicateShare(0.05)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path config;
    Path checkpoint;
    Path out;

    @BeforeEach
    void files() throws Exception {
        config = Cli.configFile(dir, "mde.json", Cli.mdeFields(sim.tenant()), "rw-------");
        checkpoint = dir.resolve("state/mde.checkpoint");
        out = dir.resolve("out/records.jsonl");
    }

    private Cli.Run sync(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sync", "--config", config.toString(),
                "--checkpoint", checkpoint.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return new Cli(dir).run(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void shouldWriteEveryRecordAsJsonLinesAndTheCheckpointAfterACompleteRun() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Cli.Run run = sync();

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<JsonNode> records = lines(out);
        assertThat(records.stream().filter(n -> n.get("recordType").asText().equals("asset")).count())
                .isEqualTo(t.expectedMachines());
        assertThat(records.stream().filter(n -> n.get("recordType").asText().equals("finding")).count())
                .isEqualTo(t.expectedDistinctFindings());
        JsonNode finding = records.stream().filter(n -> n.get("recordType").asText().equals("finding")).findFirst()
                .orElseThrow();
        assertThat(finding.has("externalFindingId")).isTrue();
        assertThat(finding.get("severity").asInt()).isBetween(1, 5);
        assertThat(finding.get("vendorProductName").asText()).isEqualTo("Defender");

        Checkpoint saved = Checkpoint.decode(Files.readString(checkpoint));
        assertThat(saved.connectorId()).isEqualTo("mde-v2");
        assertThat(saved.scope()).isEqualTo(t.tenantId());
        assertThat(run.out()).contains("mde-v2 full sync (assets-and-findings) finished in")
                .containsPattern("assets +" + t.expectedMachines() + " \\(raw " + t.expectedMachines())
                .containsPattern("findings +" + t.expectedDistinctFindings() + " \\(raw " + t.expectedRawFindingRows()
                        + ", duplicates removed " + t.expectedDuplicateRows())
                .contains("by severity  critical ").contains("by status    open ")
                .containsPattern("API calls +\\d+ \\(pages \\d+")
                .contains("duration").contains("checkpoint  written to " + checkpoint);
        assertThat(run.err()).contains("mde-v2 assets: ").contains("records/s").contains("throttle waits");
        try (var leftovers = Files.list(checkpoint.getParent())) {
            assertThat(leftovers).as("no temporary file is left next to the checkpoint (its lock file stays)")
                    .containsExactlyInAnyOrder(checkpoint, checkpoint.resolveSibling("mde.checkpoint.lock"));
        }
    }

    @Test
    void shouldRunADeltaFromTheCheckpointAndReplaceIt() throws Exception {
        assertThat(sync().exitCode()).isZero();
        String first = Files.readString(checkpoint);
        sim.tenant().advanceClock(Duration.ofHours(1));

        Cli.Run delta = sync("--mode", "delta");

        assertThat(delta.exitCode()).as(delta.all()).isZero();
        assertThat(delta.out()).contains("mde-v2 delta sync (assets-and-findings)");
        assertThat(sim.tenant().stats().count(Endpoint.VULNERABILITY_CHANGES)).isPositive();
        assertThat(lines(out).stream().filter(n -> n.get("recordType").asText().equals("finding")).count())
                .isEqualTo(sim.tenant().expectedDeltaRows());
        assertThat(Checkpoint.decode(Files.readString(checkpoint)).createdAt())
                .isAfterOrEqualTo(Checkpoint.decode(first).createdAt());
    }

    @Test
    void shouldLeaveTheCheckpointUnchangedWhenTheServerFails() throws Exception {
        assertThat(sync().exitCode()).isZero();
        byte[] before = Files.readAllBytes(checkpoint);
        sim.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.status(500));

        Cli.Run failed = sync();

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failed.err()).containsPattern("(?m)^error: .*500").doesNotContain("\tat ");
        assertThat(failed.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(before);
        assertThat(failed.out()).doesNotContain("checkpoint  written");
    }

    @Test
    void shouldLeaveTheCheckpointUnchangedWhenInterrupted() throws Exception {
        assertThat(sync().exitCode()).isZero();
        byte[] before = Files.readAllBytes(checkpoint);
        sim.tenant().stats().reset();
        sim.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.delay(Duration.ofSeconds(20)));
        Cli cli = new Cli(dir);
        Thread presser = cli.pressCtrlCWhen(() -> sim.tenant().stats().count(Endpoint.VULNERABILITIES) > 0);
        Instant start = Instant.now();

        Cli.Run run = cli.run("sync", "--config", config.toString(), "--checkpoint", checkpoint.toString(),
                "--out", out.toString());
        presser.join();

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(Duration.between(start, Instant.now())).as("stops promptly, not after the 20 s delay")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(run.err()).contains("error: ").contains("interrupted").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(before);
    }

    @Test
    void shouldRefuseACheckpointOfAnotherTenantBeforeSendingAnything() throws Exception {
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint, Checkpoint.builder().connectorId("mde-v2")
                .scope("00000000-0000-0000-0000-000000000001").position("2026-01-01T00:00:00Z")
                .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build().encode());
        byte[] before = Files.readAllBytes(checkpoint);

        Cli.Run run = sync("--mode", "delta");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("checkpoint: file " + checkpoint).contains("another tenant");
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(before);
        assertThat(sim.tenant().stats().total()).isZero();
    }

    @Test
    void shouldRefuseATamperedCheckpoint() throws Exception {
        assertThat(sync().exitCode()).isZero();
        String text = Files.readString(checkpoint).strip();
        Files.writeString(checkpoint, text.substring(0, 10) + (text.charAt(10) == 'A' ? 'B' : 'A') + text.substring(11));

        Cli.Run run = sync("--mode", "delta");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("checkpoint: file ").contains("delete the stored checkpoint");
    }

    @Test
    void shouldWriteRecordsToStdoutAndTheSummaryToStderr() throws Exception {
        Cli.Run run = new Cli(dir).run("sync", "--config", config.toString(), "--data", "assets", "--out", "-");

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(sim.tenant().expectedMachines());
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("recordType").asText()).isEqualTo("asset");
        }
        assertThat(run.err()).contains("mde-v2 full sync (assets)").contains("output      stdout");
        assertThat(sim.tenant().stats().count(Endpoint.VULNERABILITIES)).as("assets only").isZero();
    }

    @Test
    void shouldWriteTheVendorRecordsInRawFormat() throws Exception {
        Cli.Run run = sync("--format", "raw", "--filter", "healthStatus eq 'Active'");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode first = lines(out).get(0);
        assertThat(first.get("recordType").asText()).isEqualTo("asset");
        assertThat(first.get("kind").asText()).isEqualTo("ASSET");
        assertThat(first.get("attributes").has("computerDnsName")).isTrue();
        assertThat(run.out()).contains("raw format");
        assertThat(sim.tenant().stats().requests()).anySatisfy(r -> assertThat(r.uri()).contains("filter"));
    }

    @Test
    void shouldRefuseDeltaForAConnectorWithoutDeltaSupport() throws Exception {
        Map<String, Object> mdc = new java.util.LinkedHashMap<>(Map.of("connector", "mdc-vm", "name", "x",
                "tenantId", "ff4e2413-65ab-4dc2-9e5b-1ea02d3d94eb", "clientId", "e78a9c6a-7635-45e9-ad52-9c53b6547fe3",
                "clientSecret", "not-used-here", "subscriptions", List.of("54505ff6-e254-4e01-a964-d0ce78bf87a9")));
        Path mdcConfig = Cli.configFile(dir, "mdc.json", mdc, "rw-------");

        Cli.Run run = new Cli(dir).run("sync", "--config", mdcConfig.toString(), "--mode", "delta", "--filter", "x eq 1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("2 configuration problems").contains("--mode: mdc-vm does not support delta")
                .contains("--filter: mdc-vm does not support filters");
    }

    @Test
    void shouldWriteOcsfEventsThatValidateAgainstTheOcsfSchemaWithFormatOcsf() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Cli.Run run = sync("--format", "ocsf");

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> lines = Files.readAllLines(out);
        for (String line : lines) {
            assertThat(dev.exposure.connector.ocsf.OcsfSchemas.problems(line)).as(line).isEmpty();
        }
        List<JsonNode> events = lines(out);
        assertThat(events.stream().filter(e -> e.get("class_uid").asInt() == 5001).count()).isEqualTo(t.expectedMachines());
        long vulnerabilities = events.stream().filter(e -> e.get("class_uid").asInt() == 2002).count();
        assertThat(vulnerabilities).isPositive().isLessThanOrEqualTo(t.expectedDistinctFindings());
        assertThat(events).allSatisfy(e -> assertThat(e.has("recordType")).isFalse());
        assertThat(run.out()).contains("ocsf        " + String.format(java.util.Locale.ROOT, "%,d", events.size())
                + " OCSF 1.8.0 events").contains("by severity");
        assertThat(Checkpoint.decode(Files.readString(checkpoint)).connectorId()).isEqualTo("mde-v2");
    }

    @Test
    void shouldWriteTheDeltaStatusesAsOcsfActivitiesWithFormatOcsf() throws Exception {
        assertThat(sync().exitCode()).isZero();
        sim.tenant().advanceClock(Duration.ofHours(1));

        Cli.Run delta = sync("--mode", "delta", "--format", "ocsf");

        assertThat(delta.exitCode()).as(delta.all()).isZero();
        List<JsonNode> findings = lines(out).stream().filter(e -> e.get("class_uid").asInt() == 2002).toList();
        assertThat(findings).isNotEmpty().allSatisfy(e -> {
            assertThat(dev.exposure.connector.ocsf.OcsfSchemas.problems(e)).isEmpty();
            String status = e.path("status_code").asText();
            int activity = e.get("activity_id").asInt();
            assertThat(activity).isEqualTo(status.equals("Fixed") ? 3 : status.equals("Updated") ? 2 : 1);
        });
    }
}
