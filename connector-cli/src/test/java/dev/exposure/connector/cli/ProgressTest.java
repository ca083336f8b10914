package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String drive(boolean tty) throws InterruptedException {
        StringWriter err = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(err), tty, Duration.ofMillis(50), s -> s.replace("hunter2", "****"))) {
            p.begin("mde-v2 findings");
            p.onPage("mde-v2 findings", 1, 2);
            p.record();
            p.record();
            p.onThrottled("mde-v2 findings", Duration.ofSeconds(3));
            Thread.sleep(300);
            p.onNotice("mde-v2 findings", "delta ran as full sync (secret hunter2)");
            p.end("done");
        }
        return err.toString();
    }

    @Test
    void shouldUpdateOneLineInPlaceOnATerminal() throws Exception {
        String out = drive(true);
        assertThat(out).contains("\rmde-v2 findings: 1 pages, 2 records, ");
        assertThat(out).contains("1 throttle waits (3.0 s)");
        assertThat(out).doesNotContain("progress: ");
        String lastLine = out.substring(out.lastIndexOf('\r') + 1);
        assertThat(lastLine).startsWith("mde-v2 findings: 1 pages, 2 records").endsWith("done\n");
    }

    @Test
    void shouldPrintWholeLinesWhenNotATerminal() throws Exception {
        String out = drive(false);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines().filter(l -> l.startsWith("progress: mde-v2 findings: 1 pages, 2 records"))).isNotEmpty();
        assertThat(out).contains("mde-v2 findings: 1 pages, 2 records").contains("done\n");
    }

    @Test
    void shouldMaskSecretsInNotices() throws Exception {
        assertThat(drive(false)).contains("notice: mde-v2 findings: delta ran as full sync (secret ****)")
                .doesNotContain("hunter2");
    }

    @Test
    void shouldStripTerminalEscapesFromNoticesAndCutThem() {
        for (boolean tty : new boolean[] {true, false}) {
            StringWriter err = new StringWriter();
            try (Progress p = new Progress(new PrintWriter(err), tty, Duration.ofSeconds(60), s -> s)) {
                p.begin("mde-v2 findings");
                p.onNotice("mde-v2 findings", "server says \u001b[2J\u001b]0;owned\u0007 done\n" + "z".repeat(50_000));
                p.end("done");
            }
            assertThat(err.toString()).contains("notice: mde-v2 findings: server says ?[2J?]0;owned? done?")
                    .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("z".repeat(2_000));
        }
    }
}
