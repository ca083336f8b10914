package dev.exposure.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Sleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTimeTest {

    @Test
    void shouldMoveItsTimeOnByAWaitTheSleeperSkipped() throws InterruptedException {
        PacingTime time = new PacingTime(d -> { });
        long t0 = time.nanoTime();
        time.sleep(Duration.ofMinutes(1));
        assertThat(time.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMinutes(1).toNanos())
                .isLessThan(Duration.ofMinutes(1).plusSeconds(5).toNanos());
    }

    @Test
    void shouldNotMoveItsTimeOnTwiceWhenTheSleeperReallySlept() throws InterruptedException {
        PacingTime time = new PacingTime(Sleeper.system());
        long t0 = time.nanoTime();
        time.sleep(Duration.ofMillis(30));
        assertThat(time.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos())
                .isLessThan(Duration.ofMillis(30).plusSeconds(5).toNanos());
        time.sleep(Duration.ZERO);
        assertThat(time.sleeper()).isSameAs(Sleeper.system());
    }
}
