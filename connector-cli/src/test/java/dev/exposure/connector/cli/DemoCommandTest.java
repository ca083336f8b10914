package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldRunBothConnectorsEndToEndAgainstTheSimulatedTenants() throws Exception {
        Cli.Run run = new Cli(dir).run("demo", "--machines", "12", "--vulnerabilities", "4");

        assertThat(run.exitCode()).as(run.all()).isZero();
        Path out = dir.resolve("demo-output");
        assertThat(out.resolve("mde-v2-full.jsonl")).exists();
        assertThat(out.resolve("mde-v2-delta.jsonl")).exists();
        assertThat(out.resolve("mdc-vm-full.jsonl")).exists();
        assertThat(out.resolve("mdc-vm-full-2.jsonl")).exists();
        assertThat(Checkpoint.decode(Files.readString(out.resolve("mde-v2.checkpoint"))).connectorId()).isEqualTo("mde-v2");
        ObjectMapper json = new ObjectMapper();
        List<String> mde = Files.readAllLines(out.resolve("mde-v2-full.jsonl"));
        assertThat(mde.stream().filter(l -> l.contains("\"recordType\":\"asset\""))).hasSize(12);
        assertThat(mde.stream().filter(l -> l.contains("\"recordType\":\"finding\""))).hasSizeGreaterThan(12);
        for (String line : mde) {
            assertThat(json.readTree(line).has("recordType")).isTrue();
        }
        List<String> mdc = Files.readAllLines(out.resolve("mdc-vm-full.jsonl"));
        assertThat(mdc.stream().filter(l -> l.contains("\"recordType\":\"asset\""))).hasSize(12);
        assertThat(run.out()).contains("== mde-v2: Microsoft Defender for Endpoint V2 ==")
                .contains("== mdc-vm: ")
                .contains("Delta sync from the checkpoint mde-v2.checkpoint")
                .contains("Second sync: mdc-vm has no delta support")
                .contains("mde-v2 full sync (assets-and-findings) finished in")
                .contains("mde-v2 delta sync (assets-and-findings) finished in")
                .contains("mdc-vm full sync (assets-and-findings) finished in")
                .contains("the simulator holds 12 machines")
                .contains("Files in " + out);
        assertThat(run.out().lines().filter(l -> l.startsWith("Result: all 5 checks passed"))).hasSize(2);

        StringBuilder everything = new StringBuilder(run.all());
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                everything.append(Files.readString(f));
            }
        }
        assertThat(everything.toString()).doesNotContain("sim-secret-").doesNotContainPattern(SecretLeakTest.TOKEN);
    }

    @Test
    void shouldNameANewFolderWhenTheDefaultOneIsTaken() throws Exception {
        Files.createDirectories(dir.resolve("demo-output"));
        Files.writeString(dir.resolve("demo-output/keep.txt"), "mine");

        Cli.Run run = new Cli(dir).run("demo", "--machines", "2", "--vulnerabilities", "2");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(dir.resolve("demo-output-2/mde-v2-full.jsonl")).exists();
        assertThat(Files.readString(dir.resolve("demo-output/keep.txt"))).isEqualTo("mine");
        assertThat(run.out()).contains("Writing JSON lines to " + dir.resolve("demo-output-2"));
    }

    @Test
    void shouldRefuseANonsenseSize() {
        Cli.Run run = new Cli(dir).run("demo", "--machines", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err().strip()).isEqualTo("error: --machines: must be between 1 and 1000000, was 0");
    }

    @Test
    void shouldWriteTheFullSyncsAsOcsfEventsThatValidateAgainstTheOcsfSchema() throws Exception {
        Cli.Run run = new Cli(dir).run("demo", "--machines", "12", "--vulnerabilities", "4");

        assertThat(run.exitCode()).as(run.all()).isZero();
        Path out = dir.resolve("demo-output");
        ObjectMapper json = new ObjectMapper();
        for (String id : List.of("mde-v2", "mdc-vm")) {
            Path file = out.resolve(id + "-full.ocsf.jsonl");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                assertThat(dev.exposure.connector.ocsf.OcsfSchemas.problems(line)).as(line).isEmpty();
            }
            assertThat(lines.stream().filter(l -> l.startsWith("{\"class_uid\":5001"))).hasSize(12);
            int findingClass = id.equals("mde-v2") ? 2002 : 2003;
            assertThat(lines.stream().map(l -> {
                try {
                    return json.readTree(l).get("class_uid").asInt();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(c -> c == findingClass)).isNotEmpty();
            assertThat(run.out()).contains("and, as OCSF, " + id + "-full.ocsf.jsonl").contains("ocsf output " + file);
        }
        assertThat(run.out()).contains("OCSF 1.8.0 events (5001: 12");
    }
}
