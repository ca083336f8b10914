package dev.exposure.connector.mdc;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Paces Resource Graph requests so that our own traffic does not earn a 429.
 *
 * <p>Installed in the SDK pipeline, it records {@code x-ms-user-quota-remaining} and
 * {@code x-ms-user-quota-resets-after} of every response (429s included). Before each request
 * {@link #reserve()} tells how long to wait: until the quota resets when the server said none is
 * left, and otherwise as long as it takes to keep within {@code windowBudget} requests per
 * {@code window} (Resource Graph's documented default is 15 per 5 seconds), which matters when a
 * proxy strips the headers. Thread-safe.
 */
final class QuotaPacer implements HttpPipelinePolicy {
    static final String REMAINING = "x-ms-user-quota-remaining";
    static final String RESETS_AFTER = "x-ms-user-quota-resets-after";
    private static final Pattern HMS = Pattern.compile("(\\d+):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");

    private final Tuning tuning;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private @Nullable Integer remaining;
    private long resetAtNanos;

    QuotaPacer(Tuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().doOnNext(this::record);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        record(response);
        return response;
    }

    void record(HttpResponse response) {
        record(response.getHeaders());
    }

    synchronized void record(HttpHeaders headers) {
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
            resetAtNanos = tuning.nanoTime().getAsLong() + d.toNanos();
        }
    }

    /** @return the wait the server asked for through the quota headers, or null when it did not */
    synchronized @Nullable Duration serverWait() {
        if (remaining == null || remaining > 0) {
            return null;
        }
        long left = resetAtNanos - tuning.nanoTime().getAsLong();
        return left > 0 ? Duration.ofNanos(left) : null;
    }

    /**
     * Reserves a slot for the next request.
     *
     * @return how long to wait before sending it (zero when it may go now)
     */
    synchronized Duration reserve() {
        long now = tuning.nanoTime().getAsLong();
        long wait = 0;
        if (remaining != null && remaining <= 0 && resetAtNanos > now) {
            wait = resetAtNanos - now;
        }
        long windowNanos = tuning.window().toNanos();
        while (!sent.isEmpty() && sent.peekFirst() <= now - windowNanos) {
            sent.pollFirst();
        }
        if (sent.size() >= tuning.windowBudget()) {
            wait = Math.max(wait, sent.peekFirst() + windowNanos - now);
        }
        long sendAt = now + wait;
        sent.addLast(sendAt);
        while (sent.size() > tuning.windowBudget()) {
            sent.pollFirst();
        }
        if (wait > 0 && remaining != null && remaining <= 0) {
            remaining = null; // the quota will have reset when this request goes
        }
        return Duration.ofNanos(wait);
    }

    static @Nullable Duration parseResetsAfter(String value) {
        Matcher m = HMS.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        Duration d = Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
            String frac = (m.group(4) + "000000000").substring(0, 9);
            d = d.plusNanos(Long.parseLong(frac));
        }
        return d;
    }
}
