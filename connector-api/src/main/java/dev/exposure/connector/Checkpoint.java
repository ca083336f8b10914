package dev.exposure.connector;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * Where the next delta run starts: a signpost fixed before a run and handed out by
 * {@link RecordStream#checkpoint()} only after that run was consumed completely.
 *
 * <p>It names the connector and the scope (tenant) it belongs to, so a foreign checkpoint is
 * refused, and its {@link #encode() encoded form} carries a SHA-256 checksum, so an altered or
 * truncated one is refused too. The checksum detects corruption and tampering by hand; it is not a
 * signature against someone who rebuilds it.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class Checkpoint {
    private static final String PREFIX = "ckp1.";

    /** @return the provider id that issued it, e.g. {@code mde-v2} */
    public abstract String connectorId();

    /** @return the scope it belongs to, e.g. the tenant id */
    public abstract String scope();

    /** @return the connector's position, e.g. the delta {@code sinceTime} */
    public abstract String position();

    /** @return when the run that issued it started */
    public abstract Instant createdAt();

    /** @return further connector state, e.g. when the last full sync ran */
    public abstract Map<String, String> attributes();

    /**
     * Checks that this checkpoint was issued by the given connector for the given scope.
     *
     * @param expectedConnectorId the provider id
     * @param expectedScope the scope, e.g. the configured tenant id
     * @return this checkpoint
     * @throws ConfigurationException naming the mismatch, if it belongs elsewhere
     */
    public Checkpoint requireFor(String expectedConnectorId, String expectedScope) {
        if (!connectorId().equals(expectedConnectorId)) {
            throw new ConfigurationException("checkpoint", "was issued by connector '" + connectorId()
                    + "', not '" + expectedConnectorId + "'; use this connection's own checkpoint or run a full sync");
        }
        if (!scope().equalsIgnoreCase(expectedScope)) {
            throw new ConfigurationException("checkpoint", "belongs to another tenant or scope ('" + scope()
                    + "'); use this connection's own checkpoint or run a full sync");
        }
        return this;
    }

    /**
     * The checkpoint as one line of text, safe to store in a file or database column.
     *
     * @return {@code ckp1.<payload>.<checksum>}
     */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        append(sb, "connector", connectorId());
        append(sb, "scope", scope());
        append(sb, "position", position());
        append(sb, "createdAt", createdAt().toString());
        // attribute names are encoded like values: a name with '=' or a line break must not
        // bleed into the value or the next line
        new TreeMap<>(attributes()).forEach((k, v) -> append(sb,
                "attr." + URLEncoder.encode(k, StandardCharsets.UTF_8), v));
        byte[] payload = sb.toString().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + b64.encodeToString(payload) + "." + b64.encodeToString(checksum(payload));
    }

    /**
     * Reads a checkpoint written by {@link #encode()}.
     *
     * @param text the encoded checkpoint
     * @return the checkpoint
     * @throws ConfigurationException if the text is not a checkpoint, was altered or is incomplete
     */
    public static Checkpoint decode(String text) {
        String t = text.trim();
        String fix = "; delete the stored checkpoint to run a full sync";
        if (!t.startsWith(PREFIX)) {
            throw new ConfigurationException("checkpoint", "is not a checkpoint of this SDK (it does not start with '"
                    + PREFIX + "')" + fix);
        }
        String[] parts = t.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw new ConfigurationException("checkpoint", "is malformed (expected payload and checksum)" + fix);
        }
        byte[] payload;
        byte[] sum;
        try {
            payload = Base64.getUrlDecoder().decode(parts[0]);
            sum = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("checkpoint", "is malformed (not base64url)" + fix);
        }
        if (!MessageDigest.isEqual(sum, checksum(payload))) {
            throw new ConfigurationException("checkpoint", "was altered or corrupted (its checksum does not match)"
                    + fix);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(payload, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Builder b = builder();
        try {
            b.connectorId(required(fields, "connector")).scope(required(fields, "scope"))
                    .position(required(fields, "position"))
                    .createdAt(Instant.parse(required(fields, "createdAt")));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("checkpoint", "has an unreadable createdAt" + fix);
        }
        fields.forEach((k, v) -> {
            if (k.startsWith("attr.")) {
                b.putAttributes(URLDecoder.decode(k.substring(5), StandardCharsets.UTF_8), v);
            }
        });
        return b.build();
    }

    private static String required(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new ConfigurationException("checkpoint", "lacks its '" + key + "' field; delete the stored"
                    + " checkpoint to run a full sync");
        }
        return v;
    }

    private static void append(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('\n');
    }

    private static byte[] checksum(byte[] payload) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(payload);
            return java.util.Arrays.copyOf(full, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Checkpoint{" + connectorId() + ", scope=" + scope() + ", position=" + position() + ", createdAt="
                + createdAt() + "}";
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Checkpoint}. */
    public static final class Builder extends ImmutableCheckpoint.Builder {}
}
