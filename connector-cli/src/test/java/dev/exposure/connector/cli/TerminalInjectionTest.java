package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.testkit.FakeConnector;
import dev.exposure.connector.testkit.FakeConnectorProvider;
import dev.exposure.connector.testkit.TestConnections;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a server or a file supplies reaches the terminal without its control characters (no ANSI or
 * OSC escape sequence clears the screen or sets the title) and cut to a bounded length.
 */
class TerminalInjectionTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(4).machines(2).vulnerabilitiesPerMachine(1)).build();

    /** Clears the screen, moves the cursor home, sets the window title, rings the bell, then a fake prompt. */
    static final String ESCAPES = "\u001b[2J\u001b[H\u001b]0;owned\u0007\r\n$ sudo rm -rf / \u009b31m";
    /** A 900 KB value, as a hostile server or file might send. */
    static final String HUGE = "y".repeat(900_000);

    @TempDir
    Path dir;

    private static void assertSafe(String printed) {
        assertThat(printed).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\r").doesNotContain("\n$ sudo").doesNotContain(HUGE);
        assertThat(printed.length()).as("echoed values are cut").isLessThan(20_000);
    }

    private Cli fake(Supplier<FakeConnector.Builder> script) {
        Cli cli = new Cli(dir);
        cli.connectors = () -> Connectors.of(List.of(new FakeConnectorProvider(script)));
        return cli;
    }

    private Path fakeConfig() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connector", FakeConnectorProvider.ID);
        m.put("name", "Fake");
        m.put("tenantId", TestConnections.TENANT_ID);
        m.put("clientId", TestConnections.CLIENT_ID);
        m.put("clientSecret", "fake-secret-value");
        return Cli.configFile(dir, "fake.json", m, "rw-------");
    }

    @Test
    void shouldStripEscapesAndCutAServerErrorBodyInTheErrorLine() throws Exception {
        Cli cli = fake(() -> FakeConnectorProvider.sampleData().failOnAssetPage(1,
                new ServiceException("the service refused the request: " + ESCAPES + HUGE, 400, "Bad", null, null)));

        for (boolean verbose : new boolean[] {false, true}) {
            List<String> args = new java.util.ArrayList<>(List.of("sync", "--config", fakeConfig().toString(),
                    "--format", "raw", "--out", dir.resolve("out.jsonl").toString()));
            if (verbose) {
                args.add("--verbose");
            }
            Cli.Run run = cli.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).contains("error: the service refused the request: ?[2J?[H?]0;owned?  $ sudo rm");
            assertSafe(run.all());
        }
    }

    @Test
    void shouldStripEscapesAndCutTheMessagesOfTheConnectionTest() throws Exception {
        Cli cli = fake(() -> FakeConnector.builder().connectionTestReport(FakeConnector.failingReport(
                Check.DATA_FETCH, "server said " + ESCAPES + HUGE, "ask " + ESCAPES)));

        Cli.Run run = cli.run("test", "--config", fakeConfig().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).contains("server said ?[2J").contains("remediation: ask ?[2J");
        assertSafe(run.all());
    }

    @Test
    void shouldStripEscapesAndCutAConfigValueEchoedInAnError() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(sim.tenant());
        fields.put("tenantId", ESCAPES + HUGE);
        fields.put("name", "x\u001b]0;owned\u0007");
        Path file = Cli.configFile(dir, "hostile.json", fields, "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(run.err()).contains("tenantId: ");
        assertSafe(run.all());
    }
}
