package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestInfoTest {

    @Test
    void shouldKeepAFamilyStatusAttemptAndDuration() {
        RequestInfo info = new RequestInfo("vulnerability-export", 429, 2, Duration.ofMillis(30));

        assertThat(info.answered()).isTrue();
        assertThat(new RequestInfo(RequestInfo.TOKEN, RequestInfo.NO_ANSWER, 1, Duration.ZERO).answered()).isFalse();
    }

    @Test
    void shouldRefuseAFamilyThatIsAUrlOrAnIdRatherThanAShortLowercaseWord() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("https://api.example/machines", 200, 1,
                Duration.ZERO)).withMessageContaining("short lowercase id");
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("Machines", 200, 1, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("m".repeat(41), 200, 1, Duration.ZERO));
    }

    @Test
    void shouldRefuseAnImpossibleStatusAttemptOrDuration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("machines", 42, 1, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("machines", 200, 0, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("machines", 200, 1,
                Duration.ofMillis(-1)));
    }

    @Test
    void shouldAcceptAnyThreeDigitStatusAServerMaySendSoThatReportingItNeverFailsTheRequest() {
        assertThat(new RequestInfo("machines", 999, 1, Duration.ZERO).status()).isEqualTo(999);
        assertThat(new RequestInfo("machines", 100, 1, Duration.ZERO).status()).isEqualTo(100);
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestInfo("machines", 1000, 1, Duration.ZERO));
    }
}
