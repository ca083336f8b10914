package dev.exposure.connector.azure.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Virtual time for tests: sleeps return at once, are recorded and move the clock. */
final class VirtualWaits implements Waits {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        sleeps.add(d);
        now += d.toNanos();
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
