package dev.exposure.connector.azure.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Moved from connector-mde's MdeUnitsTest and MdeLentSleeperTest (RateBudget), with MDE's documented limits. */
class SlidingWindowBudgetTest {
    static final Map<String, SlidingWindowBudget.Limit> LIMITS = Map.of(
            "machines", new SlidingWindowBudget.Limit(100, 1_500),
            "vulnerability-export", new SlidingWindowBudget.Limit(30, 1_000),
            "file-export", new SlidingWindowBudget.Limit(5, 20));

    private final VirtualWaits time = new VirtualWaits();
    private final SlidingWindowBudget budget = new SlidingWindowBudget(LIMITS, time::nanoTime);

    @Test
    void shouldWaitOnceTheMinuteBudgetOfABucketIsSpent() {
        for (int i = 0; i < 30; i++) {
            assertThat(budget.acquire("vulnerability-export", time)).isZero();
        }
        assertThat(budget.acquire("machines", time)).isZero();
        assertThat(budget.acquire("vulnerability-export", time)).isEqualTo(Duration.ofMinutes(1));
        assertThat(time.sleeps).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void shouldCountARequestFromItsAnswerWhenItReachedTheServerLate() {
        budget.acquire("vulnerability-export", time);
        time.sleep(Duration.ofSeconds(2));            // token fetch and TLS handshake before the 1st request leaves
        budget.answered("vulnerability-export", null, time);
        for (int i = 1; i < 30; i++) {
            assertThat(budget.acquire("vulnerability-export", time)).isZero();
            budget.answered("vulnerability-export", null, time);
        }
        time.sleeps.clear();
        // the 31st waits a minute from the 1st request's answer; counted from the 1st acquisition it
        // would wait 58 s, and the server would see 31 requests within 60 s
        assertThat(budget.acquire("vulnerability-export", time)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldWaitForTheHourlyBudget() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < 21; i++) {
            total = total.plus(budget.acquire("file-export", time));
        }
        // 5 per minute: 3 minute waits for calls 6, 11, 16; the 21st waits for the first call's hour to pass
        assertThat(total).isEqualTo(Duration.ofHours(1));
        assertThat(time.sleeps).hasSize(4);
        assertThat(budget.acquire("download", time)).as("a bucket without a limit").isZero();
    }

    @Test
    void shouldShareOneBudgetPerKeyInTheJvm() {
        SlidingWindowBudget a = SlidingWindowBudget.shared("test|t-1|c-1|host|443", LIMITS);
        assertThat(SlidingWindowBudget.shared("test|t-1|c-1|host|443", LIMITS)).isSameAs(a);
        assertThat(SlidingWindowBudget.shared("test|t-2|c-1|host|443", LIMITS)).isNotSameAs(a);
    }

    @Test
    void shouldPaceASharedBudgetOnceWhenTheLentSleeperReturnsAtOnce() {
        List<Duration> asked = new CopyOnWriteArrayList<>();
        Sleeper skipping = asked::add;
        SlidingWindowBudget shared = SlidingWindowBudget.shared("test|skipping|" + System.nanoTime(), LIMITS);
        Waits waits = Waits.over(skipping);
        Duration total = Duration.ZERO;
        for (int i = 0; i < 61; i++) {
            total = total.plus(shared.acquire("vulnerability-export", waits));
        }
        // 30 a minute: the 31st and the 61st wait about a minute each (others at most the real
        // microseconds between two sends a minute earlier), and no slot is waited for twice
        assertThat(asked).filteredOn(d -> d.compareTo(Duration.ofSeconds(1)) > 0).hasSize(2);
        assertThat(total).isBetween(Duration.ofSeconds(115), Duration.ofMinutes(2));
    }
}
