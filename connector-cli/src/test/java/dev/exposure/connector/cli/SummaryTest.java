package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static String print(SyncStats assets, SyncStats findings) {
        SyncRunner.Result r = new SyncRunner.Result("mde-v2", SyncRequest.Mode.FULL,
                SyncRequest.Data.ASSETS_AND_FINDINGS, 2, 2, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), assets,
                findings, Duration.ofSeconds(1), Optional.empty(), SyncRunner.Format.ETM, Optional.empty());
        StringWriter text = new StringWriter();
        Summary.print(new PrintWriter(text), r, List.of(), s -> s.replace("s3cr3t", "****"));
        return text.toString();
    }

    @Test
    void shouldPrintEveryRepairedAndDroppedFieldWithExamplesMaskedAndWithoutControlCharacters() {
        SyncCounters assets = new SyncCounters();
        assets.fieldIssue(FieldIssue.dropped("mde-v2 assets", "lastSeen", "garbage\u001b]0;pwned\u0007", "not a timestamp",
                "m1"));
        assets.fieldIssue(FieldIssue.dropped("mde-v2 assets", "lastSeen", "s3cr3t", "not a timestamp", "m2"));
        SyncCounters findings = new SyncCounters();
        findings.fieldIssue(FieldIssue.repaired("mde-v2 findings", "ipAddresses[]", "10.0.0.4", "string entry read as"
                + " an address", "m3"));

        String out = print(assets.snapshot(), findings.snapshot());

        assertThat(out).contains("data quality 1 values repaired, 2 dropped (records kept; per field:)")
                .contains("mde-v2 assets lastSeen: 2 dropped (not a timestamp; e.g. garbage?]0;pwned?, ****)")
                .contains("mde-v2 findings ipAddresses[]: 1 repaired (string entry read as an address; e.g. 10.0.0.4)")
                .doesNotContain("s3cr3t").doesNotContain("\u001b");
    }

    @Test
    void shouldSayEveryFieldWasReadableWhenNothingWasRepairedOrDropped() {
        assertThat(print(SyncStats.empty(), SyncStats.empty())).contains("data quality every field readable");
    }

    @Test
    void shouldPrintNoticesWithoutTerminalEscapesAndCutWhenLong() {
        SyncCounters c = new SyncCounters();
        c.notice("machine \u001b]0;pwned\u0007 merged " + "x".repeat(5000));
        String out = print(c.snapshot(), SyncStats.empty());
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").contains("machine ?]0;pwned? merged")
                .contains("more chars)").doesNotContain("x".repeat(1000));
    }
}
