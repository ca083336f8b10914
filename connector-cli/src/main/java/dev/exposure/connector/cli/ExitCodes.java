package dev.exposure.connector.cli;

import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorInterruptedException;

/** The process exit codes of the command line, documented in the README. */
final class ExitCodes {
    /** Everything worked (for {@code test}: all five checks passed). */
    static final int OK = 0;
    /**
     * A runtime failure: network, service, data, writing the output ({@link OutputFailedException}),
     * the checkpoint in use by another sync, a failed connection check other than authentication.
     */
    static final int FAILURE = 1;
    /** The command line itself is wrong: unknown command or option, missing parameter. */
    static final int USAGE = 2;
    /** The configuration is wrong: config file, validation, checkpoint file, unsupported request. */
    static final int CONFIG = 3;
    /** Microsoft Entra ID refused the credential, or the identity lacks a permission. */
    static final int AUTH = 4;
    /** Interrupted (Ctrl-C); no checkpoint was written. 128 + SIGINT, as shells report it. */
    static final int INTERRUPTED = 130;

    private ExitCodes() { }

    static int of(Throwable e) {
        if (e instanceof ConfigurationException) {
            return CONFIG;
        }
        if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
            return AUTH;
        }
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof ConnectorInterruptedException || t instanceof InterruptedException) {
                return INTERRUPTED;
            }
        }
        return FAILURE;
    }
}
