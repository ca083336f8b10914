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
        long offsetBefore = time.nanoTime() - System.nanoTime();
        time.sleep(Duration.ofMillis(30));
        long offsetAfter = time.nanoTime() - System.nanoTime();
        assertThat(time.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        assertThat(Math.abs(offsetAfter - offsetBefore)).as("a wait that really passed adds nothing on top")
                .isLessThan(Duration.ofMillis(1).toNanos());
        time.sleep(Duration.ZERO);
        assertThat(time.sleeper()).isSameAs(Sleeper.system());
    }
}
