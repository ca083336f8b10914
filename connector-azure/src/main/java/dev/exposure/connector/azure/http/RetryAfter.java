package dev.exposure.connector.azure.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The wait a server asks for, read in one place: {@code retry-after-ms} and
 * {@code x-ms-retry-after-ms} (milliseconds, first), else {@code Retry-After} as seconds or as an
 * HTTP-date (RFC 1123). A date in the past or a negative number is a wait of zero; an unreadable
 * value is no wait. Whether a wait is honoured is {@link Timing#maxRetryAfter()}'s business.
 */
public final class RetryAfter {
    private static final HttpHeaderName[] MILLIS = {
        HttpHeaderName.fromString("retry-after-ms"), HttpHeaderName.fromString("x-ms-retry-after-ms")};

    private RetryAfter() { }

    /**
     * @param headers response headers (null: none)
     * @return the asked wait, or empty
     */
    public static Optional<Duration> of(@Nullable HttpHeaders headers) {
        return of(headers, Instant.now());
    }

    /**
     * @param headers response headers (null: none)
     * @param now the time an HTTP-date is measured from
     * @return the asked wait, or empty
     */
    public static Optional<Duration> of(@Nullable HttpHeaders headers, Instant now) {
        if (headers == null) {
            return Optional.empty();
        }
        for (HttpHeaderName name : MILLIS) {
            String v = headers.getValue(name);
            if (v != null) {
                try {
                    return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(v.trim()))));
                } catch (NumberFormatException ignored) {
                    // try the next form
                }
            }
        }
        String v = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }
}
