package dev.exposure.connector;

import java.nio.channels.ClosedByInterruptException;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a failure was caused by an interrupt of the current thread. HTTP clients often
 * wrap the {@link InterruptedException} (azure-core's JDK client throws
 * {@code RuntimeException(InterruptedException)}) and clear the thread's interrupt flag on the
 * way, so the flag alone misses such interrupts.
 */
final class Interrupts {
    private static final int MAX_DEPTH = 32;

    private Interrupts() { }

    /**
     * @param failure a failure of vendor or library code
     * @return true if the thread is interrupted, or the cause chain holds an
     *     {@link InterruptedException} or {@link ClosedByInterruptException} (not a mere
     *     {@code InterruptedIOException}, which also stands for socket timeouts)
     */
    static boolean causedByInterrupt(@Nullable Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }
}
