package dev.exposure.connector;

import com.fasterxml.jackson.annotation.JsonIgnoreType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value such as a client secret. Its {@link #toString()} is masked, Jackson ignores it
 * (it is never serialized), and equality compares in constant time.
 *
 * <p>Read the value only where it is handed to the identity provider, with {@link #reveal()}.
 * NEVER LOG, FORMAT OR SERIALIZE THE REVEALED VALUE.
 *
 * @since 0.1
 */
@JsonIgnoreType
public final class Secret {
    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret; must not be null
     * @return a secret holding the value
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value must not be null"));
    }

    /**
     * The clear value, for the one place that hands it to the identity provider.
     *
     * @return the clear value
     */
    public String reveal() {
        return value;
    }

    /**
     * @return true when the value is empty or only white space
     */
    public boolean isBlank() {
        return value.isBlank();
    }

    /**
     * Replaces every occurrence of this secret in a text with a mask. Use it on any text that may
     * have passed through a vendor library before showing it.
     *
     * @param text any text
     * @return the text with the secret masked
     */
    public String redact(String text) {
        return value.length() < 4 ? text : text.replace(value, MASK);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return "Secret[" + MASK + "]";
    }
}
