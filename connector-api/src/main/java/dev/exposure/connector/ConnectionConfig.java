package dev.exposure.connector;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The configuration of one connection: the fields every Microsoft connector shares (the spec's
 * "Connector Details" and "Authentication Details") plus vendor options by name
 * ({@link #options()}, e.g. {@code cloud}, {@code subscriptions}, {@code apiBaseUrl}).
 *
 * <p>Building never fails on bad values: {@link #validate(boolean)} reports every problem at once,
 * each naming the field and how to fix it. Providers add their own checks on top
 * ({@link ConnectorProvider#validate}).
 *
 * <p>The client secret is a {@link Secret}: masked in {@link #toString()} and never serialized.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class ConnectionConfig {

    /** The largest description the product accepts. */
    public static final int MAX_DESCRIPTION_LENGTH = 200;
    /** The largest connection name accepted. */
    public static final int MAX_NAME_LENGTH = 128;
    /** The default Microsoft Entra ID authentication URL. */
    public static final String DEFAULT_AUTHENTICATION_URL = "https://login.microsoftonline.com/";

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** @return the unique display name of the connection (required) */
    public abstract Optional<String> name();

    /** @return an optional description, at most {@value #MAX_DESCRIPTION_LENGTH} characters */
    public abstract Optional<String> description();

    /** @return the Directory (tenant) ID, a GUID (required) */
    public abstract Optional<String> tenantId();

    /** @return the Application (client) ID, a GUID (required) */
    public abstract Optional<String> clientId();

    /**
     * @return the client secret; required unless the host lends a {@code TokenCredential}
     */
    @JsonIgnore
    @Value.Redacted
    public abstract Optional<Secret> clientSecret();

    /** @return the OAuth 2.0 authority, {@value #DEFAULT_AUTHENTICATION_URL} when absent */
    public abstract Optional<String> authenticationUrl();

    /** @return the cloud the tenant lives in; each connector documents the values it accepts */
    public abstract Optional<String> cloud();

    /** @return vendor options by field name, as listed in the connector's descriptor */
    public abstract Map<String, String> options();

    /**
     * @param key an option name
     * @return the trimmed value, or empty when absent or blank
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options().get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * @return the authentication URL, always ending in a slash
     */
    @Value.Derived
    @JsonIgnore
    public String effectiveAuthenticationUrl() {
        String url = authenticationUrl().map(String::trim).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_AUTHENTICATION_URL);
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * Checks the shared fields and reports every problem at once, as declared in
     * {@link CommonConfigKeys}.
     *
     * @param secretRequired false when the host lends its own {@code TokenCredential}
     * @return the problems found, empty when the shared fields are valid
     */
    public List<ConfigError> validate(boolean secretRequired) {
        return CommonConfigKeys.SHARED.parse(this, secretRequired ? Set.of() : Set.of("clientSecret")).errors();
    }

    /**
     * @param value any text
     * @return whether it is a GUID in the 8-4-4-4-12 form
     */
    public static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    /**
     * Checks that a text is an absolute HTTPS URL with a host. Plain {@code http} is refused:
     * tokens are sent over it.
     *
     * @param url the URL text
     * @param expected what the URL should be, for the message
     * @return the problem, or empty when the URL is acceptable
     */
    public static Optional<String> checkHttpsUrl(String url, String expected) {
        return ConfigValidator.httpsUrl(expected, false).check(url);
    }

    /**
     * Builds a configuration from flat text properties, as Kafka Connect, a properties file or an
     * environment gives them: {@code name}, {@code description}, {@code tenantId}, {@code clientId},
     * {@code clientSecret} (wrapped in a {@link Secret}), {@code authenticationUrl} and {@code cloud}
     * go to their own fields, every other entry to {@link #options()}. Null values are skipped.
     * Building never fails; validate the result with the provider.
     *
     * @param properties field and option names to their text
     * @return the configuration
     */
    public static ConnectionConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        properties.forEach((key, value) -> {
            if (key == null || value == null) {
                return;
            }
            switch (key) {
                case "name" -> b.name(value);
                case "description" -> b.description(value);
                case "tenantId" -> b.tenantId(value);
                case "clientId" -> b.clientId(value);
                case "clientSecret" -> b.clientSecret(Secret.of(value));
                case "authenticationUrl" -> b.authenticationUrl(value);
                case "cloud" -> b.cloud(value);
                default -> b.putOptions(key, value);
            }
        });
        return b.build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ConnectionConfig}. */
    public static final class Builder extends ImmutableConnectionConfig.Builder {}
}
