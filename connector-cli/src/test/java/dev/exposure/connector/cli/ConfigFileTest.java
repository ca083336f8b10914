package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(3).machines(5).vulnerabilitiesPerMachine(2)).build();

    @TempDir
    Path dir;

    @Test
    void shouldListEveryBadFieldAtOnce() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connector", "mde-v2");
        fields.put("name", "");
        fields.put("description", "x".repeat(201));
        fields.put("tenantId", "not-a-guid");
        fields.put("clientSecret", "s3cr3t-value-here");
        fields.put("tenantID", "typo");
        fields.put("apiBaseUrl", "http://api.example.com");
        Path file = Cli.configFile(dir, "bad.json", fields, "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).containsPattern("error: \\d+ configuration problems:")
                .contains("  tenantID: is not a field of mde-v2")
                .contains("  name: is required")
                .contains("  description: is 201 characters long")
                .contains("  tenantId: 'not-a-guid' is not a GUID")
                .contains("  clientId: is required")
                .contains("  apiBaseUrl: ");
        assertThat(run.all()).doesNotContain("s3cr3t-value-here").doesNotContain("\tat ");
        assertThat(sim.tenant().stats().total()).as("nothing is sent for an invalid config").isZero();
    }

    @Test
    void shouldAcceptAnOptionUnderTheOlderNameItsDeclarationAllows() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connector", "mde-v2");
        fields.put("name", "x");
        fields.put("oauthScope", "https://api-gov.securitycenter.microsoft.us/.default");
        Path file = Cli.configFile(dir, "alias.json", fields, "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).doesNotContain("is not a field")
                .contains("tokenScope: 'https://api-gov.securitycenter.microsoft.us/.default' is not a token scope of"
                        + " the azure-public cloud");
    }

    @Test
    void shouldNameTheMissingConnectorField() throws Exception {
        Path file = Cli.configFile(dir, "c.json", Map.of("name", "x"), "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("connector: is required").contains("mde-v2").contains("mdc-vm");
    }

    @Test
    void shouldReportMalformedJsonByPositionWithoutQuotingTheFile() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"connector\": \"mde-v2\",\n \"clientSecret\": \"s3cr3t-value-here\"\n \"name\": 1}");
        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("is not valid JSON at line 3").doesNotContain("s3cr3t-value-here");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void shouldReportAMissingConfigFile() {
        Cli.Run run = new Cli(dir).run("sync", "--config", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("nope.json does not exist");
    }

    @Test
    void shouldReadTheSecretFromAnEnvironmentVariable() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Map<String, Object> fields = Cli.mdeFields(t);
        fields.put("clientSecret", Map.of("env", "MDE_SECRET"));
        Path file = Cli.configFile(dir, "env.json", fields, "rw-r--r--");
        Cli cli = new Cli(dir);
        cli.env.put("MDE_SECRET", t.clientSecret());

        Cli.Run run = cli.run("test", "--config", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).as("a secret reference needs no permission warning").doesNotContain("warning");
        assertThat(run.all()).doesNotContain(t.clientSecret());
    }

    @Test
    void shouldSayWhichEnvironmentVariableIsMissing() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("clientSecret", Map.of("env", "NOT_SET_ANYWHERE"));
        Path file = Cli.configFile(dir, "env.json", fields, "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("clientSecret: refers to the environment variable NOT_SET_ANYWHERE, which is not set");
    }

    @Test
    void shouldReadTheSecretFromAFileRelativeToTheConfig() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/mde.txt"), t.clientSecret() + "\n");
        Map<String, Object> fields = Cli.mdeFields(t);
        fields.put("clientSecret", Map.of("file", "secrets/mde.txt"));
        Path file = Cli.configFile(dir, "file.json", fields, "rw-r--r--");

        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain(t.clientSecret());
    }

    @Test
    void shouldNameAnUnreadableSecretFile() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("clientSecret", Map.of("file", "missing.txt"));
        Path file = Cli.configFile(dir, "file.json", fields, "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("clientSecret: refers to the file").contains("missing.txt");
    }

    @Test
    void shouldWarnAboutAnInlineSecretInAFileOthersCanRead() throws Exception {
        Path loose = Cli.configFile(dir, "loose.json", Cli.mdeFields(sim.tenant()), "rw-r--r--");
        Cli.Run run = new Cli(dir).run("test", "--config", loose.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("warning: ").contains("holds an inline clientSecret and is readable by group or others")
                .contains("rw-r--r--").contains("chmod 600");
        assertThat(run.all()).doesNotContain(sim.tenant().clientSecret());
    }

    @Test
    void shouldNotWarnAboutAnInlineSecretInAnOwnerOnlyFile() throws Exception {
        Path tight = Cli.configFile(dir, "tight.json", Cli.mdeFields(sim.tenant()), "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", tight.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).doesNotContain("warning");
    }

    @Test
    void shouldRefuseAnObjectWhereATextIsExpected() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("name", Map.of("first", "x"));
        fields.put("clientSecret", Map.of("vault", "x"));
        Path file = Cli.configFile(dir, "obj.json", fields, "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("name: must be a text").contains("clientSecret: has an unsupported form");
    }
}
