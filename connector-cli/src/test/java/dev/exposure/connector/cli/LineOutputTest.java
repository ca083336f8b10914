package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineOutputTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryWholeLineOnClose() throws Exception {
        Path file = dir.resolve("out.jsonl");
        try (LineOutput out = LineOutput.toFile(file)) {
            out.write("{\"a\":1}\n{\"b\":2}\n");
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void shouldFailInsteadOfLosingALastRecordThatHasNoLineBreak() throws Exception {
        Path file = dir.resolve("out.jsonl");
        LineOutput out = LineOutput.toFile(file);
        out.write("{\"a\":1}\n{\"b\":2}");
        assertThatExceptionOfType(OutputFailedException.class).isThrownBy(out::close)
                .withMessageContaining("did not end with a line break");
        assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}");
    }
}
