package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaPacerTest {
    private final MdcMock.FakeTime time = new MdcMock.FakeTime();
    private final QuotaPacer pacer = new QuotaPacer(new Tuning(4, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(1), 15, Duration.ofSeconds(5), time::sleep, time::nanoTime, null));

    @Test
    void shouldWaitUntilTheQuotaResetsWhenNoneIsLeft() {
        pacer.record(new HttpHeaders().set(HttpHeaderName.fromString(QuotaPacer.REMAINING), "0").set(HttpHeaderName.fromString(QuotaPacer.RESETS_AFTER), "00:00:03"));
        assertThat(pacer.reserve()).isEqualTo(Duration.ofSeconds(3));
        assertThat(pacer.reserve()).isZero();
    }

    @Test
    void shouldNotWaitWhileQuotaRemains() {
        pacer.record(new HttpHeaders().set(HttpHeaderName.fromString(QuotaPacer.REMAINING), "4").set(HttpHeaderName.fromString(QuotaPacer.RESETS_AFTER), "00:00:03"));
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.serverWait()).isNull();
    }

    @Test
    void shouldKeepToFifteenRequestsPerFiveSecondsWithoutHeaders() {
        for (int i = 0; i < 15; i++) {
            assertThat(pacer.reserve()).as("request %d", i + 1).isZero();
            time.nanos += 100_000_000L;
        }
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void shouldParseResetsAfterWithAndWithoutFractions() {
        assertThat(QuotaPacer.parseResetsAfter("00:00:05")).isEqualTo(Duration.ofSeconds(5));
        assertThat(QuotaPacer.parseResetsAfter("01:02:03.5")).isEqualTo(Duration.ofSeconds(3723).plusMillis(500));
        assertThat(QuotaPacer.parseResetsAfter("soon")).isNull();
    }
}
