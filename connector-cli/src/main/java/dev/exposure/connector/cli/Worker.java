package dev.exposure.connector.cli;

import dev.exposure.connector.ConnectorInterruptedException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Runs a command's work on a worker thread so that Ctrl-C can stop it cleanly: the signal (a JVM
 * shutdown hook) interrupts the worker, waits for it to unwind (streams closed, no checkpoint
 * written) and then for the command to print its last line ({@link #close()}), before the JVM
 * exits.
 */
final class Worker implements AutoCloseable {
    private static final long UNWIND_SECONDS = 30;

    private final AtomicBoolean signalled = new AtomicBoolean();
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Runnable unregister;
    private volatile @Nullable Thread thread;
    private volatile @Nullable CountDownLatch done;

    Worker(CliEnvironment.Signals signals) {
        this.unregister = signals.onInterrupt(this::interrupt);
    }

    /** @return whether Ctrl-C arrived */
    boolean interrupted() {
        return signalled.get();
    }

    /**
     * Runs the task on a new thread and waits for it.
     *
     * @throws ConnectorInterruptedException when Ctrl-C arrived, even if the task finished anyway
     */
    <T> T run(String name, Callable<T> task) throws Exception {
        AtomicReference<@Nullable T> result = new AtomicReference<>();
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                finished.countDown();
            }
        }, "connector-cli-" + name);
        t.setDaemon(true);
        done = finished;
        thread = t;
        if (signalled.get()) {
            throw new ConnectorInterruptedException("interrupted before " + name + " started", null);
        }
        t.start();
        try {
            finished.await();
        } catch (InterruptedException e) {
            t.interrupt();
            finished.await(UNWIND_SECONDS, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new ConnectorInterruptedException(name + " was interrupted", e);
        }
        Throwable f = failure.get();
        if (signalled.get()) {
            throw new ConnectorInterruptedException(name + " was interrupted (Ctrl-C); nothing was committed", f);
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    private void interrupt() {
        signalled.set(true);
        Thread t = thread;
        CountDownLatch d = done;
        if (t != null) {
            t.interrupt();
        }
        try {
            if (d != null) {
                d.await(UNWIND_SECONDS, TimeUnit.SECONDS);
            }
            reported.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command printed its last line: a waiting signal handler may let the JVM exit. */
    @Override
    public void close() {
        reported.countDown();
        unregister.run();
    }
}
