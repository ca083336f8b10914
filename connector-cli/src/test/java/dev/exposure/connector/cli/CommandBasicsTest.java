package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandBasicsTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheVersion() {
        Cli.Run run = new Cli(dir).run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("connector ").contains("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "describe", "test", "sync", "demo"})
    void shouldPrintHelpForEveryCommand(String command) {
        Cli.Run run = new Cli(dir).run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: connector " + command).contains("--help").contains("--verbose");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldListTheExitCodesInTheTopLevelHelp() {
        Cli.Run run = new Cli(dir).run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("130").contains("authentication or authorization");
    }

    @Test
    void shouldRejectAnUnknownOptionInOneLineWithTheUsageExitCode() {
        Cli.Run run = new Cli(dir).run("sync", "--config", "x.json", "--bogus");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: Unknown option: '--bogus'").contains("connector sync --help");
    }

    @Test
    void shouldRejectAnUnknownModeValue() {
        Cli.Run run = new Cli(dir).run("sync", "--config", "x.json", "--mode", "sometimes");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--mode").contains("sometimes");
    }

    @Test
    void shouldListBothConnectorsWithTheirDescriptorColumns() {
        Cli.Run run = new Cli(dir).run("list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow())
                .startsWith("ID").contains("NAME", "VENDOR", "CATEGORY", "VERSION", "DELTA", "FILTER", "SAMPLING");
        assertThat(run.out()).containsPattern("(?m)^mde-v2 +Microsoft Defender for Endpoint V2 +Microsoft .* yes +yes +yes +vulnerability$")
                .containsPattern("(?m)^mdc-vm +.* no +no +yes +misconfiguration,vulnerability$");
        assertThat(run.out().lines().filter(l -> !l.isBlank()).count()).isEqualTo(3);
    }

    @Test
    void shouldDescribeAConnectorWithSecretFieldsMarkedMapsAndSeverityMapping() {
        Cli.Run run = new Cli(dir).run("describe", "mde-v2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mde-v2: Microsoft Defender for Endpoint V2")
                .contains("delta sync         yes")
                .containsPattern("(?m)^clientSecret \\* \\[secret\\] +secret")
                .containsPattern("(?m)^tenantId \\* +guid")
                .containsPattern("(?m)^maxRetries +integer 0\\.\\.10 +4 ")
                .containsPattern("(?m)^cloud +choice azure-public\\|azure-us-gcc\\|azure-us-government\\|custom +azure-public ")
                .contains("cloud also accepts the older values commercial (= azure-public), gcc (= azure-us-gcc),"
                        + " gcc-high (= azure-us-government), dod (= azure-us-government)")
                .contains("tokenScope is also read as oauthScope")
                .doesNotContainPattern("(?m)^tenantId.*\\[secret\\]")
                .contains("  MDE V2 Asset Transformation Map ", "  MDE V2 Vulnerability Transformation Map ")
                .contains("Risk severity mapping (mde-v2/risk-severity-mapping.json)")
                .containsPattern("(?m)^5 +95 +Critical$")
                .contains("absent or unknown severity: level 3");
    }

    @Test
    void shouldPrintTheRulesOfTheMapsWhenAsked() {
        Cli.Run run = new Cli(dir).run("describe", "mdc-vm", "--rules");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("delta sync         no").contains("externalFindingId");
    }

    @Test
    void shouldRefuseToDescribeAnUnknownConnectorWithTheConfigExitCode() {
        Cli.Run run = new Cli(dir).run("describe", "qualys");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err().strip()).isEqualTo("error: connector: unknown connector id 'qualys'; known ids: mdc-vm, mde-v2");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldPrintAStackTraceOnlyWhenVerbose() {
        Cli.Run run = new Cli(dir).run("describe", "qualys", "--verbose");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("ConfigurationException").contains("\tat ");
    }

    @Test
    void shouldPrintTheUsageWithoutACommand() {
        Cli.Run run = new Cli(dir).run();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Commands:").contains("demo");
    }
}
