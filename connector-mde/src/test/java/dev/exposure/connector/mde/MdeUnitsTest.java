package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MdeUnitsTest {

    @Test
    void shouldReadEveryMdeTimestampForm() {
        assertThat(MdeTimestamps.parse("2018-08-02T14:55:03.7791856Z")).isEqualTo(Instant.parse("2018-08-02T14:55:03.779185600Z"));
        assertThat(MdeTimestamps.parse("2020-11-03 10:13:34.8476880")).isEqualTo(Instant.parse("2020-11-03T10:13:34.847688Z"));
        assertThat(MdeTimestamps.parse("2020-12-30 14:17:26")).isEqualTo(Instant.parse("2020-12-30T14:17:26Z"));
        assertThat(MdeTimestamps.parse("2024-01-31")).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(MdeTimestamps.parse("2024-01-31T10:00:00+02:00")).isEqualTo(Instant.parse("2024-01-31T08:00:00Z"));
        assertThat(MdeTimestamps.parse("soon")).isNull();
        assertThat(MdeTimestamps.parse(null)).isNull();
    }

    @Test
    void shouldWaitOnceTheMinuteBudgetOfAFamilyIsSpent() {
        MdeTestSupport.VirtualTiming timing = new MdeTestSupport.VirtualTiming();
        RateBudget budget = new RateBudget(timing);
        for (int i = 0; i < 30; i++) {
            assertThat(budget.acquire(RateBudget.Family.VULNERABILITY_EXPORT)).isZero();
        }
        assertThat(budget.acquire(RateBudget.Family.MACHINES)).isZero();
        assertThat(budget.acquire(RateBudget.Family.VULNERABILITY_EXPORT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(timing.sleeps).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void shouldCountARequestFromItsAnswerWhenItReachedTheServerLate() {
        MdeTestSupport.VirtualTiming timing = new MdeTestSupport.VirtualTiming();
        RateBudget budget = new RateBudget(timing);
        budget.acquire(RateBudget.Family.VULNERABILITY_EXPORT);
        timing.sleep(Duration.ofSeconds(2));            // token fetch and TLS handshake before the 1st request leaves
        budget.answered(RateBudget.Family.VULNERABILITY_EXPORT);
        for (int i = 1; i < 30; i++) {
            assertThat(budget.acquire(RateBudget.Family.VULNERABILITY_EXPORT)).isZero();
            budget.answered(RateBudget.Family.VULNERABILITY_EXPORT);
        }
        timing.sleeps.clear();
        // the 31st waits a minute from the 1st request's answer; counted from the 1st acquisition it
        // would wait 58 s, and the server would see 31 requests within 60 s
        assertThat(budget.acquire(RateBudget.Family.VULNERABILITY_EXPORT)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldWaitForTheHourlyBudgetOfTheFileExport() {
        MdeTestSupport.VirtualTiming timing = new MdeTestSupport.VirtualTiming();
        RateBudget budget = new RateBudget(timing);
        Duration total = Duration.ZERO;
        for (int i = 0; i < 21; i++) {
            total = total.plus(budget.acquire(RateBudget.Family.FILE_EXPORT));
        }
        // 5 per minute: 3 minute waits for calls 6, 11, 16; the 21st waits for the first call's hour to pass
        assertThat(total).isEqualTo(Duration.ofHours(1));
        assertThat(timing.sleeps).hasSize(4);
        assertThat(budget.acquire(RateBudget.Family.DOWNLOAD)).isZero();
    }

    @Test
    void shouldShareOneBudgetPerApplicationAndTenantInTheJvm() {
        RateBudget a = RateBudget.shared("T-1", "c-1", "api.security.microsoft.com", MdeTiming.SYSTEM);
        assertThat(RateBudget.shared("t-1", "C-1", "api.security.microsoft.com", MdeTiming.SYSTEM)).isSameAs(a);
        assertThat(RateBudget.shared("t-2", "c-1", "api.security.microsoft.com", MdeTiming.SYSTEM)).isNotSameAs(a);
        MdeTestSupport.VirtualTiming virtual = new MdeTestSupport.VirtualTiming();
        assertThat(RateBudget.shared("t-1", "c-1", "api.security.microsoft.com", virtual)).isNotSameAs(a);
    }
}
