package dev.exposure.connector.azure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Moved from connector-mdc's QuotaPacerTest. */
class QuotaHeaderPacerTest {
    private final VirtualWaits time = new VirtualWaits();
    private final QuotaHeaderPacer pacer = new QuotaHeaderPacer(15, Duration.ofSeconds(5));

    private static HttpHeaders quota(String remaining, String resetsAfter) {
        return new HttpHeaders().set(HttpHeaderName.fromString(QuotaHeaderPacer.REMAINING), remaining)
                .set(HttpHeaderName.fromString(QuotaHeaderPacer.RESETS_AFTER), resetsAfter);
    }

    @Test
    void shouldWaitUntilTheQuotaResetsWhenNoneIsLeft() {
        pacer.record(quota("0", "00:00:03"), time);
        assertThat(pacer.acquire("", time)).isEqualTo(Duration.ofSeconds(3));
        assertThat(pacer.acquire("", time)).isZero();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void shouldNotWaitWhileQuotaRemains() {
        pacer.record(quota("4", "00:00:03"), time);
        assertThat(pacer.acquire("", time)).isZero();
        assertThat(pacer.throttleWait(time)).isEmpty();
    }

    @Test
    void shouldKeepToFifteenRequestsPerFiveSecondsWithoutHeaders() {
        for (int i = 0; i < 15; i++) {
            assertThat(pacer.acquire("", time)).as("request %d", i + 1).isZero();
            time.advance(Duration.ofMillis(100));
        }
        assertThat(pacer.acquire("", time)).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void shouldParseResetsAfterWithAndWithoutFractions() {
        assertThat(QuotaHeaderPacer.parseResetsAfter("00:00:05")).isEqualTo(Duration.ofSeconds(5));
        assertThat(QuotaHeaderPacer.parseResetsAfter("01:02:03.5")).isEqualTo(Duration.ofSeconds(3723).plusMillis(500));
        assertThat(QuotaHeaderPacer.parseResetsAfter("soon")).isNull();
    }
}
