package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.exposure.connector.Schedule.Frequency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void shouldRunDailyAtTheFirstValidInstantAfterASpringForwardGapInBerlin() {
        // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist
        Schedule daily = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-03-20T02:30"), BERLIN);

        assertThat(daily.nextRunAfter(at("2026-03-28T01:30:00Z"))).as("after Saturday's 02:30 CET")
                .contains(at("2026-03-29T01:30:00Z"));   // 03:30 CEST
        assertThat(daily.nextRunAfter(at("2026-03-29T01:30:00Z"))).as("after the shifted run")
                .contains(at("2026-03-30T00:30:00Z"));   // 02:30 CEST
    }

    @Test
    void shouldRunDailyOnceInAnAutumnOverlapInBerlin() {
        // 2026-10-25: 02:00-03:00 happens twice, first in CEST (+02:00), then in CET (+01:00)
        Schedule daily = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-10-20T02:30"), BERLIN);

        assertThat(daily.nextRunAfter(at("2026-10-24T00:30:00Z"))).contains(at("2026-10-25T00:30:00Z"));
        assertThat(daily.nextRunAfter(at("2026-10-25T00:30:00Z"))).as("not again at 02:30 CET")
                .contains(at("2026-10-26T01:30:00Z"));
        assertThat(daily.nextRunAfter(at("2026-10-25T00:45:00Z"))).as("inside the repeated hour")
                .contains(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void shouldRunDailyAcrossBothChangesInNewYork() {
        Schedule spring = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-03-01T02:30"), NEW_YORK);
        Schedule autumn = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-10-01T01:30"), NEW_YORK);

        // 2026-03-08: 02:00 EST jumps to 03:00 EDT
        assertThat(spring.nextRunAfter(at("2026-03-07T07:30:00Z"))).contains(at("2026-03-08T07:30:00Z"));
        assertThat(spring.nextRunAfter(at("2026-03-08T07:30:00Z"))).contains(at("2026-03-09T06:30:00Z"));
        // 2026-11-01: 01:00-02:00 happens twice, EDT (-04:00) then EST (-05:00)
        assertThat(autumn.nextRunAfter(at("2026-10-31T05:30:00Z"))).contains(at("2026-11-01T05:30:00Z"));
        assertThat(autumn.nextRunAfter(at("2026-11-01T05:30:00Z"))).contains(at("2026-11-02T06:30:00Z"));
    }

    @Test
    void shouldShiftAStartInsideAGap() {
        Schedule daily = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-03-29T02:30"), BERLIN);

        assertThat(daily.nextRunAfter(at("2026-03-28T00:00:00Z"))).contains(at("2026-03-29T01:30:00Z"));
    }

    @Test
    void shouldRunWeeklyOnTheStartWeekdayAndLocalTime() {
        Schedule weekly = Schedule.of(Frequency.WEEKLY, LocalDateTime.parse("2026-01-05T09:00"), BERLIN);  // Monday

        assertThat(weekly.nextRunAfter(at("2026-01-05T08:00:00Z"))).contains(at("2026-01-12T08:00:00Z"));
        assertThat(weekly.nextRunAfter(at("2026-01-07T12:00:00Z"))).contains(at("2026-01-12T08:00:00Z"));
        assertThat(weekly.nextRunAfter(at("2026-03-23T08:00:00Z"))).as("keeps 09:00 local after DST")
                .contains(at("2026-03-30T07:00:00Z"));
    }

    @Test
    void shouldRunMonthlyOnTheThirtyFirstOrTheMonthsLastDay() {
        Schedule monthly = Schedule.of(Frequency.MONTHLY, LocalDateTime.parse("2026-01-31T10:00"), ZoneOffset.UTC);

        assertThat(monthly.nextRunAfter(at("2026-01-31T10:00:00Z"))).contains(at("2026-02-28T10:00:00Z"));
        assertThat(monthly.nextRunAfter(at("2026-02-28T10:00:00Z"))).as("back to the 31st after February")
                .contains(at("2026-03-31T10:00:00Z"));
        assertThat(monthly.nextRunAfter(at("2026-03-31T10:00:00Z"))).contains(at("2026-04-30T10:00:00Z"));
        assertThat(monthly.nextRunAfter(at("2028-02-01T00:00:00Z"))).as("leap year")
                .contains(at("2028-02-29T10:00:00Z"));
    }

    @Test
    void shouldRunHourlyEverySixtyMinutesOfElapsedTimeAcrossDst() {
        Schedule hourly = Schedule.of(Frequency.HOURLY, LocalDateTime.parse("2026-03-29T00:30"), BERLIN);
        Instant run = hourly.nextRunAfter(at("2026-03-28T00:00:00Z")).orElseThrow();

        assertThat(run).isEqualTo(at("2026-03-28T23:30:00Z"));
        for (int i = 0; i < 4; i++) {
            Instant next = hourly.nextRunAfter(run).orElseThrow();
            assertThat(Duration.between(run, next)).isEqualTo(Duration.ofHours(1));
            run = next;
        }
        assertThat(hourly.nextRunAfter(at("2026-03-29T00:45:00Z"))).as("01:45 CET -> 03:30 CEST")
                .contains(at("2026-03-29T01:30:00Z"));
    }

    @Test
    void shouldRunAtTheStartWhenAskedBeforeIt() {
        Schedule daily = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-06-01T12:00"), ZoneOffset.UTC);

        assertThat(daily.nextRunAfter(at("2020-01-01T00:00:00Z"))).contains(at("2026-06-01T12:00:00Z"));
        assertThat(daily.nextRunAfter(at("2026-06-01T12:00:00Z"))).as("strictly after")
                .contains(at("2026-06-02T12:00:00Z"));
    }

    @Test
    void shouldEndFiveYearsAfterItsStartByDefault() {
        Schedule daily = Schedule.of(Frequency.DAILY, LocalDateTime.parse("2026-01-01T00:00"), ZoneOffset.UTC);

        assertThat(daily.end()).isEqualTo(LocalDateTime.parse("2031-01-01T00:00"));
        assertThat(daily.nextRunAfter(at("2030-12-31T00:00:00Z"))).as("a run exactly at the end")
                .contains(at("2031-01-01T00:00:00Z"));
        assertThat(daily.nextRunAfter(at("2031-01-01T00:00:00Z"))).isEmpty();
        assertThat(daily.nextRunAfter(at("2040-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void shouldHaveNoRunAfterAnExplicitEnd() {
        Schedule weekly = Schedule.builder().frequency(Frequency.WEEKLY).start(LocalDateTime.parse("2026-01-05T09:00"))
                .end(LocalDateTime.parse("2026-01-19T00:00")).zone(ZoneOffset.UTC).build();

        assertThat(weekly.nextRunAfter(at("2026-01-05T09:00:00Z"))).contains(at("2026-01-12T09:00:00Z"));
        assertThat(weekly.nextRunAfter(at("2026-01-12T09:00:00Z"))).isEmpty();
    }

    @Test
    void shouldRefuseAnEndBeforeItsStart() {
        assertThatIllegalStateException().isThrownBy(() -> Schedule.builder().frequency(Frequency.DAILY)
                        .start(LocalDateTime.parse("2026-01-05T09:00")).end(LocalDateTime.parse("2026-01-05T09:00"))
                        .zone(ZoneOffset.UTC).build())
                .withMessageContaining("must be after its start");
    }
}
