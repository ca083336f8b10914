package dev.exposure.connector.mdc;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Sleeper;
import java.time.Duration;

/**
 * An azure-core retry strategy for the token requests that waits its back-off through the
 * host's lent {@link Sleeper} and then tells the retry policy to wait no more.
 */
final class SleepingRetryStrategy implements RetryStrategy {
    private final RetryStrategy delegate;
    private final Sleeper sleeper;

    SleepingRetryStrategy(RetryStrategy delegate, Sleeper sleeper) {
        this.delegate = delegate;
        this.sleeper = sleeper;
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorInterruptedException("interrupted while waiting to retry a token request", e);
        }
    }

    @Override
    public int getMaxRetries() {
        return delegate.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        sleep(delegate.calculateRetryDelay(retryAttempts));
        return Duration.ZERO;
    }

    @Override
    public Duration calculateRetryDelay(RequestRetryCondition condition) {
        sleep(delegate.calculateRetryDelay(condition));
        return Duration.ZERO;
    }

    @Override
    public boolean shouldRetry(HttpResponse httpResponse) {
        return delegate.shouldRetry(httpResponse);
    }

    @Override
    public boolean shouldRetryException(Throwable throwable) {
        return delegate.shouldRetryException(throwable);
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        return delegate.shouldRetryCondition(condition);
    }
}
