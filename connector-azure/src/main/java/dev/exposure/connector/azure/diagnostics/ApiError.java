package dev.exposure.connector.azure.diagnostics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What an error body said: the Microsoft REST error envelope {@code {"error":{"code","message",
 * "target"}}} (MDE, Azure Resource Manager) or the OAuth form {@code {"error","error_description"}},
 * with bearer tokens and signatures masked and the message cut at 400 characters.
 *
 * @param code the error code, if any
 * @param message the error message, if any
 * @param target the tracking id or target, if any
 */
public record ApiError(@Nullable String code, @Nullable String message, @Nullable String target) {
    private static final JsonFactory JSON = new JsonFactory();
    /** Nothing readable. */
    public static final ApiError NONE = new ApiError(null, null, null);

    /** @return {@code code: message (tracking id target)}, or empty when nothing was read */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (code != null) {
            sb.append(code);
        }
        if (message != null) {
            sb.append(sb.length() > 0 ? ": " : "").append(message);
        }
        if (target != null) {
            sb.append(" (tracking id ").append(target).append(')');
        }
        return sb.toString();
    }

    /**
     * @param redact masks secrets in the message (e.g. the client secret)
     * @return this error with its message redacted
     */
    public ApiError redacted(java.util.function.UnaryOperator<String> redact) {
        return message == null ? this : new ApiError(code, redact.apply(message), target);
    }

    /**
     * Reads at most 16 KB of an error body, tolerating bodies that are not JSON (their text, cut
     * short, becomes the message). Closes the stream.
     *
     * @param in the body, or null
     * @return what could be read
     */
    public static ApiError read(@Nullable InputStream in) {
        if (in == null) {
            return NONE;
        }
        byte[] bytes;
        try (InputStream s = in) {
            bytes = s.readNBytes(16 * 1024);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        String code = null;
        String message = null;
        String target = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("error".equals(f) && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String g = p.currentName();
                            if (p.nextToken().isScalarValue()) {
                                switch (g) {
                                    case "code" -> code = p.getValueAsString();
                                    case "message" -> message = p.getValueAsString();
                                    case "target" -> target = p.getValueAsString();
                                    default -> { }
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if ("error".equals(f) && t == JsonToken.VALUE_STRING) {
                        code = p.getValueAsString();
                    } else if ("error_description".equals(f) && t == JsonToken.VALUE_STRING) {
                        message = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ")
                    .replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
            if (!text.isEmpty()) {
                message = "non-JSON body: " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
            }
        }
        return new ApiError(code == null ? null : AzureFailures.scrub(code),
                message == null ? null : AzureFailures.scrub(message.length() <= 400 ? message
                        : message.substring(0, 400) + "..."),
                target == null ? null : AzureFailures.scrub(target));
    }
}
