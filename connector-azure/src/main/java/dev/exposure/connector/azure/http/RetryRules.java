package dev.exposure.connector.azure.http;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a vendor considers worth sending again, handed to the pipeline's retry loop.
 *
 * @param retryStatuses the HTTP statuses answered by a retry (429 is a throttle: the server's wait,
 *     else the pacer's, else the back-off)
 */
public record RetryRules(Set<Integer> retryStatuses) {

    /**
     * 408, 429, 500, 502, 503, 504: the statuses azure-core's own retry policy treats as transient
     * and Microsoft documents as "retry later" for the Defender and Resource Graph APIs.
     */
    public static final RetryRules DEFAULT = new RetryRules(Set.of(408, 429, 500, 502, 503, 504));

    /** Copies the set. */
    public RetryRules {
        retryStatuses = Set.copyOf(retryStatuses);
    }

    /**
     * @param status an HTTP status
     * @return whether a response with it is sent again (within the retry count)
     */
    public boolean retries(int status) {
        return retryStatuses.contains(status);
    }

    /**
     * A failed exchange is sent again when the connection failed or timed out: an I/O failure
     * other than an unknown host (a wrong name does not heal within a retry) or a failed TLS
     * handshake (a certificate does not either). Both are looked for in the whole cause chain: the JDK
     * client reports a name that does not resolve as a {@code ConnectException} caused by an
     * {@link UnresolvedAddressException}.
     *
     * @param failure what sending threw (never a {@code ConnectorException}: those are final)
     * @return whether it may succeed when sent again
     */
    public boolean retries(Throwable failure) {
        boolean io = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SSLHandshakeException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return false; // anywhere in the chain: the JDK client wraps them in a ConnectException
            }
            io |= t instanceof IOException || t instanceof TimeoutException;
        }
        return io;
    }
}
