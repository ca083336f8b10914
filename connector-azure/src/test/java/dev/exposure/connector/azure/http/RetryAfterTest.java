package dev.exposure.connector.azure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static HttpHeaders header(String name, String value) {
        return new HttpHeaders().set(HttpHeaderName.fromString(name), value);
    }

    @Test
    void shouldReadRetryAfterInSecondsOrMilliseconds() {
        assertThat(RetryAfter.of(header("Retry-After", "7"))).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(header("retry-after-ms", "250"))).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.of(header("x-ms-retry-after-ms", "40"))).contains(Duration.ofMillis(40));
        assertThat(RetryAfter.of(new HttpHeaders())).isEmpty();
        assertThat(RetryAfter.of(null)).isEmpty();
    }

    @Test
    void shouldMeasureAnHttpDateFromTheGivenNowAndNeverGiveANegativeWait() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(RetryAfter.of(header("Retry-After", "Mon, 07 Dec 2026 10:00:30 GMT"), now))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.of(header("Retry-After", "Mon, 07 Dec 2026 09:59:00 GMT"), now))
                .contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreAValueThatIsNeitherANumberNorADate() {
        assertThat(RetryAfter.of(header("Retry-After", "soon"))).isEmpty();
    }
}
