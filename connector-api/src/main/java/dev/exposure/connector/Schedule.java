package dev.exposure.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * When a connection runs: a frequency, a start in a time zone and an end (by default five years
 * after the start, as the product does).
 *
 * <p>Daily, weekly and monthly runs keep their local wall-clock time across daylight-saving
 * changes: a run at 02:30 that falls into a spring-forward gap runs at the first valid instant
 * after it (03:30), and in an autumn overlap it runs once, at the earlier offset. Hourly runs are
 * every 60 minutes of elapsed time.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class Schedule {

    /** The spec's "Occurs" choices. */
    public enum Frequency {
        /** Every hour. */
        HOURLY,
        /** Every day at the start's local time. */
        DAILY,
        /** Every week on the start's weekday and local time. */
        WEEKLY,
        /** Every month on the start's day (or the month's last day) and local time. */
        MONTHLY
    }

    /** @return how often it runs */
    public abstract Frequency frequency();

    /** @return the first run, in local time of {@link #zone()} */
    public abstract LocalDateTime start();

    /** @return the time zone (the account's) */
    public abstract ZoneId zone();

    /** @return the last moment a run may start; five years after the start by default */
    @Value.Default
    public LocalDateTime end() {
        return start().plusYears(5);
    }

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        if (!end().isAfter(start())) {
            throw new IllegalStateException("schedule end " + end() + " must be after its start " + start());
        }
    }

    /**
     * The first run strictly after an instant.
     *
     * @param after the instant
     * @return the next run, or empty when the schedule has ended
     */
    public Optional<Instant> nextRunAfter(Instant after) {
        Instant first = start().atZone(zone()).toInstant();
        Instant last = end().atZone(zone()).toInstant();
        Instant next;
        if (after.isBefore(first)) {
            next = first;
        } else if (frequency() == Frequency.HOURLY) {
            long hours = Duration.between(first, after).toHours() + 1;
            next = first.plus(hours, ChronoUnit.HOURS);
        } else {
            ChronoUnit unit = switch (frequency()) {
                case DAILY -> ChronoUnit.DAYS;
                case WEEKLY -> ChronoUnit.WEEKS;
                default -> ChronoUnit.MONTHS;
            };
            LocalDateTime afterLocal = LocalDateTime.ofInstant(after, zone());
            long k = Math.max(0, unit.between(start(), afterLocal) - 1);
            next = occurrence(unit, k);
            while (!next.isAfter(after)) {
                k++;
                next = occurrence(unit, k);
            }
        }
        return next.isAfter(last) ? Optional.empty() : Optional.of(next);
    }

    private Instant occurrence(ChronoUnit unit, long k) {
        return ZonedDateTime.of(start().plus(k, unit), zone()).toInstant();
    }

    /**
     * @param frequency how often
     * @param start the first run, local time
     * @param zone the time zone
     * @return a schedule ending five years after its start
     */
    public static Schedule of(Frequency frequency, LocalDateTime start, ZoneId zone) {
        return builder().frequency(frequency).start(start).zone(zone).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Schedule}. */
    public static final class Builder extends ImmutableSchedule.Builder {}
}
