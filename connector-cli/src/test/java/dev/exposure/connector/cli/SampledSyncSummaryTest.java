package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The summary of {@code sync --sample} against the simulated MDE tenant. */
class SampledSyncSummaryTest {
    static final String WITHOUT_CVE = "software rows without a CVE id";
    static final Pattern CALLS = Pattern.compile("API calls +([\\d,]+) \\(pages ([\\d,]+)");

    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(7).machines(40).vulnerabilitiesPerMachine(5).machinesPageSize(10)
                    .inventoryRowShare(0.05))
            .build();

    @TempDir
    Path dir;

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void shouldPrintTheRowsWithoutACveIdOnceAndNoMorePagesThanCallsForASampledSync() throws Exception {
        SimulatedMdeTenant t = sim.tenant();
        assertThat(t.expectedInventoryRows()).as("the tenant has inventory rows").isPositive();
        Path config = Cli.configFile(dir, "mde.json", Cli.mdeFields(t), "rw-------");
        Cli.Run run = new Cli(dir).run("sync", "--config", config.toString(), "--sample",
                "--out", dir.resolve("out/records.jsonl").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(occurrences(run.out(), WITHOUT_CVE)).as(run.out()).isEqualTo(1);
        assertThat(occurrences(run.err(), WITHOUT_CVE)).as(run.err()).isEqualTo(1);
        Matcher m = CALLS.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        long calls = Long.parseLong(m.group(1).replace(",", ""));
        long pages = Long.parseLong(m.group(2).replace(",", ""));
        assertThat(pages).as(run.out()).isPositive().isLessThanOrEqualTo(calls);
        assertThat(calls).as("every API call counted once").isEqualTo(t.stats().count(Endpoint.MACHINES)
                + t.stats().count(Endpoint.VULNERABILITIES));
        assertThat(pages).as("the sampled assets' page and the findings' export pages")
                .isEqualTo(1 + t.expectedFindingPages(SimulatedMdeTenant.DEFAULT_PAGE_SIZE));
    }
}
