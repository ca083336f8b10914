package dev.exposure.connector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A connection config file: a JSON object with {@code connector} (the provider id) and the
 * connector's config fields by their descriptor names. The client secret may be inline, or
 * {@code {"env": "VAR"}} or {@code {"file": "path"}} (relative to the config file). Every problem
 * is collected and reported at once, the provider's own validation included.
 */
final class ConfigFile {
    static final String CONNECTOR = "connector";
    private static final Set<String> SHARED = Set.of("name", "description", "tenantId", "clientId", "clientSecret",
            "authenticationUrl", "cloud");
    /** The largest config file read, in bytes. */
    static final long MAX_BYTES = 1_000_000;
    /** The largest secret file read, in bytes. */
    static final long MAX_SECRET_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    /** A loaded, valid configuration. */
    record Loaded(Path file, ConnectorProvider provider, ConnectionConfig config, List<String> warnings,
                  @Nullable Secret secret) {
        @Override
        public String toString() {
            return "ConfigFile.Loaded{" + file + ", " + provider.id() + "}";
        }
    }

    private ConfigFile() { }

    /**
     * @throws ConfigurationException listing every problem of the file, each naming its field
     */
    static Loaded load(Path file, Connectors connectors, ConnectorContext context,
                       Function<String, @Nullable String> env) {
        JsonNode root = parse(file);
        List<ConfigError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode idNode = root.get(CONNECTOR);
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            errors.add(ConfigError.of(CONNECTOR, "is required: the provider id, one of "
                    + String.join(", ", connectors.ids()) + " (see 'connector list')"));
            throw new ConfigurationException(errors);
        }
        String id = idNode.asText().trim();
        Optional<ConnectorProvider> found = connectors.find(id);
        if (found.isEmpty()) {
            errors.add(ConfigError.of(CONNECTOR, "'" + id + "' is not a known connector; known: "
                    + String.join(", ", connectors.ids()) + " (see 'connector list')"));
            throw new ConfigurationException(errors);
        }
        ConnectorProvider provider = found.get();
        ConnectorDescriptor descriptor = provider.descriptor();
        Set<String> known = new LinkedHashSet<>();
        descriptor.configFields().forEach(f -> known.add(f.name()));
        known.addAll(SHARED);
        Set<String> accepted = new LinkedHashSet<>(known);
        descriptor.configFields().forEach(f -> accepted.addAll(f.aliases()));

        ConnectionConfig.Builder b = ConnectionConfig.builder();
        Secret secret = null;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(CONNECTOR) || value.isNull()) {
                continue;
            }
            if (!accepted.contains(key)) {
                errors.add(ConfigError.of(key, "is not a field of " + id + "; known fields: " + String.join(", ", known)
                        + " (see 'connector describe " + id + "')"));
                continue;
            }
            boolean isSecret = key.equals("clientSecret")
                    || descriptor.field(key).map(ConfigField::secret).orElse(false);
            if (isSecret) {
                Secret s = secret(file, key, value, env, errors, warnings);
                if (s != null && key.equals("clientSecret")) {
                    secret = s;
                    b.clientSecret(s);
                } else if (s != null) {
                    b.putOptions(key, s.reveal());
                }
                continue;
            }
            String text = text(key, value, errors);
            if (text == null) {
                continue;
            }
            switch (key) {
                case "name" -> b.name(text);
                case "description" -> b.description(text);
                case "tenantId" -> b.tenantId(text);
                case "clientId" -> b.clientId(text);
                case "authenticationUrl" -> b.authenticationUrl(text);
                case "cloud" -> {
                    b.cloud(text);
                    b.putOptions(key, text);
                }
                default -> b.putOptions(key, text);
            }
        }
        ConnectionConfig config = b.build();
        for (ConfigError problem : provider.validate(config, context)) {
            if (errors.stream().noneMatch(x -> x.field().equals(problem.field()))) {
                errors.add(problem);
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(redact(errors, secret));
        }
        return new Loaded(file, provider, config, List.copyOf(warnings), secret);
    }

    private static List<ConfigError> redact(List<ConfigError> errors, @Nullable Secret secret) {
        if (secret == null) {
            return errors;
        }
        return errors.stream().map(e -> ConfigError.of(e.field(), secret.redact(e.message()))).toList();
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode root = JSON.readTree(LocalFiles.readText(file, MAX_BYTES));
            if (root == null || !root.isObject()) {
                throw new ConfigurationException("config", "file " + file
                        + " must hold one JSON object, e.g. {\"connector\": \"mde-v2\", \"name\": ...}");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("config", "file " + file + " does not exist");
        } catch (LocalFiles.NotARegularFile e) {
            throw new ConfigurationException("config", "file " + file + " is not a regular file (a device, FIFO or"
                    + " folder); give the path of a JSON file");
        } catch (LocalFiles.TooLarge e) {
            throw new ConfigurationException("config", "file " + file + " is larger than " + MAX_BYTES
                    + " bytes; a connection config is a small JSON object");
        } catch (JsonProcessingException e) {
            // the location only: Jackson's message may quote the text around the error, a secret included
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ConfigurationException("config", "file " + file + " is not valid JSON" + where
                    + "; fix the syntax (every key and text in double quotes, no trailing commas)");
        } catch (IOException e) {
            throw new ConfigurationException("config", "file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static @Nullable String text(String key, JsonNode value, List<ConfigError> errors) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!(item.isTextual() || item.isNumber())) {
                    errors.add(ConfigError.of(key, "must be a list of texts, e.g. [\"a\", \"b\"]"));
                    return null;
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        errors.add(ConfigError.of(key, "must be a text, a number, a boolean or a list of texts, not an object"));
        return null;
    }

    private static @Nullable Secret secret(Path file, String key, JsonNode value, Function<String, @Nullable String> env,
                                           List<ConfigError> errors, List<String> warnings) {
        String fix = "give it inline, as {\"env\": \"VARIABLE\"} or as {\"file\": \"path\"}";
        if (value.isTextual()) {
            looseFileWarning(file, key).ifPresent(warnings::add);
            return Secret.of(value.asText());
        }
        if (!value.isObject() || value.size() != 1) {
            errors.add(ConfigError.of(key, "has an unsupported form; " + fix));
            return null;
        }
        JsonNode envName = value.get("env");
        JsonNode path = value.get("file");
        if (envName != null && envName.isTextual() && !envName.asText().isBlank()) {
            String v = env.apply(envName.asText());
            if (v == null || v.isBlank()) {
                errors.add(ConfigError.of(key, "refers to the environment variable " + envName.asText()
                        + ", which is not set or empty; export it before running the command"));
                return null;
            }
            return Secret.of(v.strip());
        }
        if (path != null && path.isTextual() && !path.asText().isBlank()) {
            Path p = Path.of(path.asText());
            Path resolved = p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p);
            try {
                String v = LocalFiles.readText(resolved, MAX_SECRET_BYTES).strip();
                if (v.isEmpty()) {
                    errors.add(ConfigError.of(key, "refers to the file " + resolved + ", which is empty"));
                    return null;
                }
                return Secret.of(v);
            } catch (LocalFiles.NotARegularFile e) {
                errors.add(ConfigError.of(key, "refers to " + resolved + ", which is not a regular file (a device,"
                        + " FIFO or folder); the file must hold only the secret"));
                return null;
            } catch (LocalFiles.TooLarge e) {
                errors.add(ConfigError.of(key, "refers to the file " + resolved + ", which is larger than "
                        + MAX_SECRET_BYTES + " bytes, too large for a secret; the file must hold only the secret"));
                return null;
            } catch (IOException e) {
                errors.add(ConfigError.of(key, "refers to the file " + resolved + ", which cannot be read ("
                        + e.getClass().getSimpleName() + "); check the path and its permissions"));
                return null;
            }
        }
        errors.add(ConfigError.of(key, "has an unsupported form; " + fix));
        return null;
    }

    private static Optional<String> looseFileWarning(Path file, String key) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            boolean loose = perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (loose) {
                return Optional.of(file + " holds an inline " + key + " and is readable by group or others ("
                        + PosixFilePermissions.toString(perms) + "); run 'chmod 600 " + file
                        + "' or give the secret as {\"env\": \"VARIABLE\"} or {\"file\": \"path\"}");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions on this file system: nothing to check
        }
        return Optional.empty();
    }
}
