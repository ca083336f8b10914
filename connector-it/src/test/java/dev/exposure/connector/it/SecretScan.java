package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans texts a user could see (log lines at TRACE, exception messages with causes and suppressed,
 * {@code toString()} of stats, configs and checkpoints) for the client secret and for every token
 * the simulators issue. The simulators' tokens are opaque {@code sim-<hex>-<n>} strings, so the
 * pattern finds every one of them, including tokens the test never saw.
 */
final class SecretScan {
    /** Every access token the simulated tenants issue. */
    static final Pattern SIM_TOKEN = Pattern.compile("sim-[0-9a-f]{8,}-\\d+");

    private static final AtomicLong TEXTS_SCANNED = new AtomicLong();
    private static final AtomicLong LEAKS = new AtomicLong();

    private final List<String> texts = new ArrayList<>();
    private final boolean counted;

    /** A scan whose texts and leaks count in the figures of the matrix. */
    SecretScan() {
        this(true);
    }

    private SecretScan(boolean counted) {
        this.counted = counted;
    }

    /** @return a scan of planted texts (self-checks of the scan): its leaks do not count in the figures */
    static SecretScan selfCheck() {
        return new SecretScan(false);
    }

    /** @param text a text a user could see; null is ignored @return this */
    SecretScan add(@org.jspecify.annotations.Nullable Object text) {
        if (text != null) {
            texts.add(text instanceof Throwable t ? CapturedLogs.stackTrace(t) + "\n" + t : String.valueOf(text));
        }
        return this;
    }

    /** @param more texts @return this */
    SecretScan addAll(Collection<?> more) {
        more.forEach(this::add);
        return this;
    }

    /**
     * Fails when any text holds one of the secrets or a simulator token.
     *
     * @param secrets the client secrets in play (current and rotated)
     */
    void assertNoLeak(String... secrets) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            if (counted) {
                TEXTS_SCANNED.incrementAndGet();
            }
            for (String s : secrets) {
                if (!s.isEmpty() && text.contains(s)) {
                    found.add("client secret in: " + excerpt(text, text.indexOf(s)));
                }
            }
            Matcher m = SIM_TOKEN.matcher(text);
            if (m.find()) {
                found.add("access token in: " + excerpt(text, m.start()));
            }
        }
        if (counted) {
            LEAKS.addAndGet(found.size());
        }
        assertThat(found).as("secrets or tokens found in logs, messages or toString()").isEmpty();
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)).replace('\n', ' ');
    }

    /** @return texts scanned in this JVM so far */
    static long textsScanned() {
        return TEXTS_SCANNED.get();
    }

    /** @return leaks found in this JVM so far */
    static long leaks() {
        return LEAKS.get();
    }
}
