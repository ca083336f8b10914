package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension mde = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(5).machines(3).vulnerabilitiesPerMachine(2)).build();
    @RegisterExtension
    static final SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(5).vms(3).assessmentsPerVm(1)).build();

    private static final List<String> CHECKS = List.of("Network Reachability", "TLS Handshake",
            "Authentication Credential Check", "Authorization Scope Check", "Data Fetch");

    @TempDir
    Path dir;

    @Test
    void shouldPrintFivePassedChecksAndExitZero() throws Exception {
        Path config = Cli.configFile(dir, "mde.json", Cli.mdeFields(mde.tenant()), "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", config.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> checks = run.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertThat(checks).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(checks.get(i)).matches("  PASSED +" + CHECKS.get(i) + " +\\d+ ms  .+");
        }
        assertThat(run.out()).startsWith("Testing mde-v2 connection 'Simulated MDE' (5 checks)")
                .contains("Result: all 5 checks passed");
    }

    @Test
    void shouldPassTheChecksOfTheDefenderForCloudConnectorToo() throws Exception {
        Path config = Cli.configFile(dir, "mdc.json", Cli.mdcFields(azure.tenant()), "rw-------");
        Cli.Run run = new Cli(dir).run("test", "--config", config.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Testing mdc-vm connection").contains("Result: all 5 checks passed");
    }

    @Test
    void shouldExitWithTheAuthCodeAndARemediationWhenTheSecretIsWrong() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(mde.tenant());
        fields.put("clientSecret", "wrong-secret-value-1234");
        Path config = Cli.configFile(dir, "mde.json", fields, "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(run.out()).containsPattern("  PASSED +Network Reachability")
                .containsPattern("  FAILED +Authentication Credential Check +\\d+ ms  .+")
                .contains("remediation: ")
                .containsPattern("  SKIPPED +Authorization Scope Check")
                .containsPattern("  SKIPPED +Data Fetch")
                .contains("Result: FAILED at Authentication Credential Check");
        assertThat(run.all()).doesNotContain("wrong-secret-value-1234").doesNotContain(mde.tenant().clientSecret());
    }

    @Test
    void shouldPrintTheRemediationOfAFailedCheckOnceNotAlsoInItsMessage() throws Exception {
        Map<String, Object> fields = Cli.mdeFields(mde.tenant());
        fields.put("clientSecret", "wrong-secret-value-1234");
        Path config = Cli.configFile(dir, "mde.json", fields, "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", config.toString());

        assertThat(run.out().split("Client Secret may be expired", -1)).as(run.out()).hasSize(2);
        assertThat(run.out().split("Authentication URL", -1)).as(run.out()).hasSize(2);
    }

    @Test
    void shouldExitWithTheFailureCodeWhenTheDataFetchFails() throws Exception {
        mde.tenant().faults().onRequest(Endpoint.MACHINES, 2, Fault.status(503));   // 1: the permission probe
        Path config = Cli.configFile(dir, "mde.json", Cli.mdeFields(mde.tenant()), "rw-------");

        Cli.Run run = new Cli(dir).run("test", "--config", config.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.out()).containsPattern("  FAILED +Data Fetch +\\d+ ms  .*503").contains("Result: FAILED at Data Fetch");
    }
}
