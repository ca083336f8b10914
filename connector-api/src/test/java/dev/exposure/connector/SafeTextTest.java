package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void shouldReplaceEveryControlAndBidiCharacterAndKeepTheRest() {
        String hostile = "a\u001b[2J\u001b]0;t\u0007\r\n\t\u009b1m\u2028\u202e\u2066é中😀z";

        assertThat(SafeText.of(hostile, 1000)).isEqualTo("a?[2J?]0;t?????1m???é中😀z");
    }

    @Test
    void shouldCutAfterTheMaximumAndCountTheRest() {
        assertThat(SafeText.of("x".repeat(1000))).isEqualTo("x".repeat(SafeText.MAX_VALUE) + "…(880 more chars)");
        assertThat(SafeText.of("abc", 3)).isEqualTo("abc");
        assertThat(SafeText.of(null)).isEqualTo("null");
        assertThatThrownBy(() -> SafeText.of("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverCutACharacterInHalf() {
        String cut = SafeText.of("ab😀cd", 3);

        assertThat(cut).isEqualTo("ab…(4 more chars)");
    }

    @Test
    void shouldBeWhatFieldIssueUsesForItsExamples() {
        String hostile = "\u001b]0;t\u0007" + "v".repeat(500);

        assertThat(FieldIssue.safeText(hostile)).isEqualTo(SafeText.of(hostile));
    }
}
