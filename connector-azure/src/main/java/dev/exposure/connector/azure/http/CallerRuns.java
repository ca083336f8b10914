package dev.exposure.connector.azure.http;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs each task on the thread that submits it, for the client-secret
 * credential: azure-identity hands the token request to MSAL, which otherwise runs it on the
 * common pool. On the caller's thread the token request is sent while the API request that needs
 * it is being sent, so {@link AzureRetryPolicy} reports its attempts to that request's listener
 * (family {@code token}), and an interrupt of the caller reaches it. Shutting it down only stops
 * it accepting tasks.
 */
public final class CallerRuns extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
