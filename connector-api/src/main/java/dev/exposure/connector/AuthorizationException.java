package dev.exposure.connector;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credential is valid but lacks a permission (an API permission, admin consent or a role).
 *
 * @since 0.1
 */
public class AuthorizationException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /** The permission or role that is missing, or null. */
    private final @Nullable String missingPermission;

    /**
     * @param message what was refused and how to fix it
     * @param missingPermission the permission or role that is missing, e.g. {@code Machine.Read.All}
     * @param source the URL involved, may be null
     * @param cause the underlying exception, may be null
     */
    public AuthorizationException(String message, @Nullable String missingPermission,
                                  @Nullable String source, @Nullable Throwable cause) {
        super(message, source, cause);
        this.missingPermission = missingPermission;
    }

    /**
     * The permission or role that is missing, when the connector can tell.
     *
     * @return e.g. {@code Vulnerability.Read.All} or {@code Reader on subscription X}
     */
    public Optional<String> missingPermission() {
        return Optional.ofNullable(missingPermission);
    }
}
