package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleeperTest {

    @Test
    void shouldBeFoundInTheContextUnderItsType() {
        List<Duration> asked = new ArrayList<>();
        Sleeper lent = asked::add;
        ConnectorContext context = ConnectorContext.builder().with(Sleeper.class, lent).build();
        assertThat(context.find(Sleeper.class)).containsSame(lent);
        assertThat(ConnectorContext.empty().find(Sleeper.class)).isEmpty();
    }

    @Test
    void shouldReallySleepWithTheSystemSleeper() throws InterruptedException {
        long t0 = System.nanoTime();
        Sleeper.system().sleep(Duration.ofMillis(20));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        Sleeper.system().sleep(Duration.ZERO);
        Sleeper.system().sleep(Duration.ofSeconds(-1));
    }

    @Test
    void shouldStopWaitingWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofMinutes(10)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
