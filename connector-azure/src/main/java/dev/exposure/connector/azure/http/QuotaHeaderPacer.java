package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Paces by the quota headers Azure Resource Manager services return ({@code x-ms-user-quota-remaining}
 * and {@code x-ms-user-quota-resets-after}, as {@code hh:mm:ss}), recorded from every answer (429s
 * included): before a request it waits until the quota resets when the server said none is left,
 * and otherwise keeps within {@code windowBudget} requests per {@code window} (which matters when
 * a proxy strips the headers). One per connection (its clock is the connection's); thread-safe.
 */
public final class QuotaHeaderPacer implements Pacer {
    /** The remaining-quota header. */
    public static final String REMAINING = "x-ms-user-quota-remaining";
    /** The quota-reset header. */
    public static final String RESETS_AFTER = "x-ms-user-quota-resets-after";
    /** A reset further away than this (about 11 years) is unreadable, not a wait. */
    private static final long MAX_RESET_HOURS = 100_000;
    private static final Pattern HMS = Pattern.compile("(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");

    private final int windowBudget;
    private final Duration window;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private @Nullable Integer remaining;
    private long resetAtNanos;

    /**
     * @param windowBudget requests allowed per window without headers (Resource Graph: 15)
     * @param window the window (Resource Graph: 5 s)
     */
    public QuotaHeaderPacer(int windowBudget, Duration window) {
        this.windowBudget = windowBudget;
        this.window = window;
    }

    @Override
    public void answered(String bucket, @Nullable HttpResponse response, Waits waits) {
        if (response != null) {
            record(response.getHeaders(), waits);
        }
    }

    /**
     * @param headers an answer's headers
     * @param waits the connection's clock
     */
    public synchronized void record(HttpHeaders headers, Waits waits) {
        String rem = headers.getValue(HttpHeaderName.fromString(REMAINING));
        String reset = headers.getValue(HttpHeaderName.fromString(RESETS_AFTER));
        if (rem != null) {
            remaining = null;
            for (String part : rem.split(",")) { // a repeated header arrives joined: keep the smallest
                try {
                    int r = Integer.parseInt(part.trim());
                    remaining = remaining == null ? r : Math.min(remaining, r);
                } catch (NumberFormatException ignored) {
                    // not a number: unknown
                }
            }
        }
        Duration d = reset == null ? null : parseResetsAfter(reset);
        if (d != null) {
            resetAtNanos = waits.nanoTime() + d.toNanos();
        }
    }

    @Override
    public synchronized Optional<Duration> throttleWait(Waits waits) {
        if (remaining == null || remaining > 0) {
            return Optional.empty();
        }
        long left = resetAtNanos - waits.nanoTime();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    @Override
    public Duration acquire(String bucket, Waits waits) {
        Duration wait = reserve(waits);
        waits.sleep(wait);
        return wait;
    }

    private synchronized Duration reserve(Waits waits) {
        long now = waits.nanoTime();
        long wait = 0;
        if (remaining != null && remaining <= 0 && resetAtNanos > now) {
            wait = resetAtNanos - now;
        }
        long windowNanos = window.toNanos();
        while (!sent.isEmpty() && sent.peekFirst() <= now - windowNanos) {
            sent.pollFirst();
        }
        if (sent.size() >= windowBudget) {
            wait = Math.max(wait, sent.peekFirst() + windowNanos - now);
        }
        sent.addLast(now + wait);
        while (sent.size() > windowBudget) {
            sent.pollFirst();
        }
        if (wait > 0 && remaining != null && remaining <= 0) {
            remaining = null; // the quota will have reset when this request goes
        }
        return Duration.ofNanos(wait);
    }

    /**
     * @param value e.g. {@code 00:00:04} or {@code 00:00:04.5}
     * @return the duration, or null when unreadable or more than 100,000 hours away
     */
    public static @Nullable Duration parseResetsAfter(String value) {
        Matcher m = HMS.matcher(value.trim());
        if (!m.matches() || m.group(1).length() > 6 || Long.parseLong(m.group(1)) > MAX_RESET_HOURS) {
            return null; // beyond any real quota window (and beyond what a nanosecond clock can add)
        }
        Duration d = Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            d = d.plusNanos(Long.parseLong((m.group(4) + "000000000").substring(0, 9)));
        }
        return d;
    }
}
