package dev.exposure.connector.mde;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An azure-core retry strategy for the token requests that waits its back-off through the
 * connector's timing (so through a host's lent {@code Sleeper}) and then tells the retry policy
 * to wait no more.
 */
final class SleepingRetryStrategy implements RetryStrategy {
    private final RetryStrategy delegate;
    private final Consumer<Duration> sleep;

    SleepingRetryStrategy(RetryStrategy delegate, Consumer<Duration> sleep) {
        this.delegate = delegate;
        this.sleep = sleep;
    }

    @Override
    public int getMaxRetries() {
        return delegate.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        sleep.accept(delegate.calculateRetryDelay(retryAttempts));
        return Duration.ZERO;
    }

    @Override
    public Duration calculateRetryDelay(RequestRetryCondition condition) {
        sleep.accept(delegate.calculateRetryDelay(condition));
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
