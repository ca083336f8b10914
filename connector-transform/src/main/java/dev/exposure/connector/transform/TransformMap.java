package dev.exposure.connector.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.ConfigError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A transform map: named, versioned data that says how vendor {@link dev.exposure.connector.SourceRecord}
 * attributes become the target fields of an {@link dev.exposure.connector.model.Asset} or a
 * {@link dev.exposure.connector.model.Finding}. The JSON format is documented in the module's
 * {@code README.md}; the vendor modules ship their default maps in it.
 *
 * <p>A map is checked completely whenever it is built or loaded: an unknown target field, an unknown
 * converter or a wrong use of one, a malformed source path, a missing required target or a
 * secret-like attribute name fail with a {@link TransformMapException} that lists every problem,
 * each naming the map and the rule. A valid map is then compiled once by the {@link Transformer};
 * applying it to a record costs no reflection and no parsing.
 *
 * <p>Immutable and thread-safe. To customise a shipped map, copy and edit it rule by rule, then save
 * it and load it back:
 * <pre>{@code
 * TransformMap custom = TransformMap.fromJson(shipped)
 *         .toBuilder()
 *         .name("MDE findings (ours)")
 *         .replaceRules("findingName", TransformRule.of("findingName", "cveId"))
 *         .build();
 * Files.writeString(path, custom.toJson());
 * TransformMap again = TransformMap.fromJson(Files.newInputStream(path));
 * }</pre>
 *
 * @since 0.1
 */
public final class TransformMap {
    /** The version of the JSON format this SDK reads and writes. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> MAP_FIELDS =
            Set.of("format", "name", "version", "target", "description", "identity", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("target", "source", "converter", "args");

    private final String name;
    private final String version;
    private final TargetKind target;
    private final @Nullable String description;
    private final List<String> identity;
    private final List<TransformRule> rules;

    private TransformMap(Builder b) {
        this.name = Objects.requireNonNull(b.name);
        this.version = Objects.requireNonNull(b.version);
        this.target = Objects.requireNonNull(b.target);
        this.description = b.description;
        this.identity = List.copyOf(b.identity);
        this.rules = List.copyOf(b.rules);
    }

    /** @return the map's display name, e.g. {@code MDE V2 Vulnerability Transformation Map} */
    public String name() {
        return name;
    }

    /** @return the map's own version, e.g. {@code 1.0.0} */
    public String version() {
        return version;
    }

    /** @return whether the map produces assets or findings */
    public TargetKind target() {
        return target;
    }

    /** @return a free description */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * The source paths whose values, lower-cased, form a record's identity for de-duplication. Empty
     * means the default: {@code externalAssetId} for assets, {@code externalAssetId} +
     * {@code externalFindingId} for findings.
     *
     * @return the identity paths
     */
    public List<String> identity() {
        return identity;
    }

    /** @return the rules, in order */
    public List<TransformRule> rules() {
        return rules;
    }

    /** @return a builder holding a copy of this map, to edit it */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = version;
        b.target = target;
        b.description = description;
        b.identity.addAll(identity);
        b.rules.addAll(rules);
        return b;
    }

    /**
     * @param rule a rule
     * @return a copy in which {@code rule} replaces every rule of its target (at the first one's
     *     place), or is appended when the target had none
     * @throws TransformMapException if the result is invalid
     */
    public TransformMap withRule(TransformRule rule) {
        return toBuilder().replaceRules(rule.target(), rule).build();
    }

    /**
     * @param target a target field name
     * @return a copy without the rules of that target
     * @throws TransformMapException if the result is invalid (e.g. a required target lost its rule)
     */
    public TransformMap withoutRules(String target) {
        return toBuilder().removeRules(target).build();
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ JSON

    /**
     * Reads and checks a map.
     *
     * @param in the JSON (UTF-8); read fully, not closed
     * @return the map
     * @throws TransformMapException listing every problem, malformed JSON included
     */
    public static TransformMap fromJson(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new TransformMapException("(unreadable)", List.of(ConfigError.of("map",
                    "is not valid JSON: " + e.getMessage())));
        }
        return fromTree(root);
    }

    /**
     * @param json the JSON text
     * @return the map
     * @throws TransformMapException listing every problem
     */
    public static TransformMap fromJson(String json) {
        return fromJson(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static TransformMap fromTree(@Nullable JsonNode root) {
        List<ConfigError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new TransformMapException("(unreadable)", List.of(ConfigError.of("map",
                    "must be a JSON object with name, version, target and rules")));
        }
        String name = text(root, "name");
        String mapName = name == null ? "(unnamed)" : name;
        String prefix = "map '" + mapName + "'";
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!MAP_FIELDS.contains(f)) {
                errors.add(ConfigError.of(prefix + " field '" + f + "'", "is unknown; a map has " + MAP_FIELDS));
            }
        }
        JsonNode format = root.get("format");
        if (format != null && (!format.isInt() || format.asInt() != FORMAT)) {
            errors.add(ConfigError.of(prefix + " field 'format'", "is " + format + "; this SDK reads format " + FORMAT));
        }
        Builder b = new Builder();
        b.name = name;
        b.version = text(root, "version");
        b.description = text(root, "description");
        String kind = text(root, "target");
        if (kind != null) {
            try {
                b.target = TargetKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(ConfigError.of(prefix + " field 'target'", "is '" + kind + "'; use ASSET or FINDING"));
            }
        }
        JsonNode identity = root.get("identity");
        if (identity != null) {
            if (!identity.isArray()) {
                errors.add(ConfigError.of(prefix + " field 'identity'", "must be an array of source paths"));
            } else {
                identity.forEach(p -> b.identity.add(p.asText()));
            }
        }
        JsonNode rules = root.get("rules");
        if (rules != null && !rules.isArray()) {
            errors.add(ConfigError.of(prefix + " field 'rules'", "must be an array of rule objects"));
        } else if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                JsonNode r = rules.get(i);
                String at = prefix + " rule #" + (i + 1);
                if (!r.isObject()) {
                    errors.add(ConfigError.of(at, "must be an object with target, source, converter, args"));
                    b.rules.add(TransformRule.of("", List.of(), null, Map.of()));
                    continue;
                }
                for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!RULE_FIELDS.contains(f)) {
                        errors.add(ConfigError.of(at, "has an unknown field '" + f + "'; a rule has " + RULE_FIELDS));
                    }
                }
                String target = text(r, "target");
                List<String> sources = new ArrayList<>();
                JsonNode src = r.get("source");
                if (src != null && src.isArray()) {
                    src.forEach(s -> sources.add(s.asText()));
                } else if (src != null && src.isTextual()) {
                    sources.add(src.asText());
                } else if (src != null && !src.isNull()) {
                    errors.add(ConfigError.of(at, "has a 'source' that is neither a path nor an array of paths"));
                }
                Map<String, String> args = new LinkedHashMap<>();
                JsonNode a = r.get("args");
                if (a != null && a.isObject()) {
                    a.properties().forEach(e -> args.put(e.getKey(),
                            e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                } else if (a != null && !a.isNull()) {
                    errors.add(ConfigError.of(at, "has 'args' that are not an object of names to values"));
                }
                b.rules.add(TransformRule.of(target == null ? "" : target, sources, text(r, "converter"), args));
            }
        }
        errors.addAll(b.problems());
        if (!errors.isEmpty()) {
            throw new TransformMapException(mapName, errors);
        }
        return new TransformMap(b);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** @return the map in its JSON form (pretty-printed, stable field order) */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("version", version);
        root.put("target", target.name());
        if (description != null) {
            root.put("description", description);
        }
        if (!identity.isEmpty()) {
            ArrayNode id = root.putArray("identity");
            identity.forEach(id::add);
        }
        ArrayNode arr = root.putArray("rules");
        for (TransformRule r : rules) {
            ObjectNode o = arr.addObject();
            o.put("target", r.target());
            if (r.sources().size() == 1) {
                o.put("source", r.sources().get(0));
            } else if (!r.sources().isEmpty()) {
                ArrayNode s = o.putArray("source");
                r.sources().forEach(s::add);
            }
            r.converter().ifPresent(c -> o.put("converter", c));
            if (!r.args().isEmpty()) {
                ObjectNode a = o.putObject("args");
                r.args().forEach(a::put);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * Writes {@link #toJson()} as UTF-8.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    public void writeJson(OutputStream out) throws IOException {
        out.write(toJson().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformMap m && name.equals(m.name) && version.equals(m.version) && target == m.target
                && Objects.equals(description, m.description) && identity.equals(m.identity) && rules.equals(m.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, target, description, identity, rules);
    }

    @Override
    public String toString() {
        return "TransformMap{" + name + " " + version + ", " + target + ", " + rules.size() + " rules}";
    }

    /**
     * Builds and edits maps. Not thread-safe. {@link #build()} checks the whole map.
     */
    public static final class Builder {
        private @Nullable String name;
        private @Nullable String version;
        private @Nullable TargetKind target;
        private @Nullable String description;
        private final List<String> identity = new ArrayList<>();
        private final List<TransformRule> rules = new ArrayList<>();

        private Builder() {}

        /**
         * @param value the display name
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * @param value the map's version
         * @return this builder
         */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /**
         * @param value asset or finding
         * @return this builder
         */
        public Builder target(TargetKind value) {
            this.target = value;
            return this;
        }

        /**
         * @param value a free description, or null for none
         * @return this builder
         */
        public Builder description(@Nullable String value) {
            this.description = value;
            return this;
        }

        /**
         * @param paths the identity source paths (replacing any set before)
         * @return this builder
         */
        public Builder identity(List<String> paths) {
            identity.clear();
            identity.addAll(paths);
            return this;
        }

        /**
         * @param rule a rule to append
         * @return this builder
         */
        public Builder addRule(TransformRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule must not be null"));
            return this;
        }

        /**
         * @param index the position, from 0
         * @param rule the rule to put there
         * @return this builder
         * @throws IndexOutOfBoundsException if there is no rule at {@code index}
         */
        public Builder setRule(int index, TransformRule rule) {
            rules.set(index, Objects.requireNonNull(rule, "rule must not be null"));
            return this;
        }

        /**
         * @param index the position, from 0
         * @return this builder
         * @throws IndexOutOfBoundsException if there is no rule at {@code index}
         */
        public Builder removeRule(int index) {
            rules.remove(index);
            return this;
        }

        /**
         * Replaces every rule of a target with one rule, at the first one's place (or appends it).
         * The rules of a target are found under any of its names: {@code severity} also finds the
         * rules written for its alias {@code findingSeverity}, and the other way round (once the
         * map's {@link #target(TargetKind) kind} is set; names are compared exactly as written).
         *
         * @param target the target whose rules go
         * @param rule the new rule
         * @return this builder
         */
        public Builder replaceRules(String target, TransformRule rule) {
            String key = Targets.key(this.target, target);
            int at = -1;
            for (int i = rules.size() - 1; i >= 0; i--) {
                if (Targets.key(this.target, rules.get(i).target()).equals(key)) {
                    rules.remove(i);
                    at = i;
                }
            }
            if (at < 0) {
                rules.add(rule);
            } else {
                rules.add(at, rule);
            }
            return this;
        }

        /**
         * Removes every rule of a target, under any of its names (see {@link #replaceRules}).
         *
         * @param target the target whose rules go
         * @return this builder
         */
        public Builder removeRules(String target) {
            String key = Targets.key(this.target, target);
            rules.removeIf(r -> Targets.key(this.target, r.target()).equals(key));
            return this;
        }

        /** @return the rules so far, read-only */
        public List<TransformRule> rules() {
            return List.copyOf(rules);
        }

        /**
         * @return the map
         * @throws TransformMapException listing every problem
         */
        public TransformMap build() {
            List<ConfigError> errors = problems();
            if (!errors.isEmpty()) {
                throw new TransformMapException(name == null ? "(unnamed)" : name, errors);
            }
            return new TransformMap(this);
        }

        List<ConfigError> problems() {
            List<ConfigError> errors = new ArrayList<>();
            String prefix = "map '" + (name == null ? "(unnamed)" : name) + "'";
            if (name == null || name.isBlank()) {
                errors.add(ConfigError.of(prefix + " field 'name'", "is missing; give the map a display name"));
            }
            if (version == null || version.isBlank()) {
                errors.add(ConfigError.of(prefix + " field 'version'", "is missing; give the map a version, e.g. 1.0.0"));
            }
            if (target == null) {
                errors.add(ConfigError.of(prefix + " field 'target'", "is missing or invalid; use ASSET or FINDING"));
            }
            for (String p : identity) {
                try {
                    SourcePath.parse(p);
                } catch (IllegalArgumentException e) {
                    errors.add(ConfigError.of(prefix + " field 'identity'", e.getMessage()));
                }
            }
            if (rules.isEmpty()) {
                errors.add(ConfigError.of(prefix + " field 'rules'", "is empty; a map needs at least one rule"));
            }
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                TransformRule r = rules.get(i);
                String at = prefix + " rule #" + (i + 1) + " (" + r + ")";
                for (String problem : ruleProblems(target, r)) {
                    errors.add(ConfigError.of(at, problem));
                }
                seen.add(Targets.key(target, r.target()));
            }
            if (target != null) {
                for (String req : Targets.required(target)) {
                    if (!seen.contains(req)) {
                        errors.add(ConfigError.of(prefix, "has no rule for the required target '" + req + "'"));
                    }
                }
            }
            return errors;
        }
    }

    static List<String> ruleProblems(@Nullable TargetKind kind, TransformRule r) {
        List<String> problems = new ArrayList<>();
        String t = r.target();
        boolean listTarget = false;
        if (t.isBlank()) {
            problems.add("has no target field");
        } else if (t.startsWith(Targets.ATTRIBUTES)) {
            String key = t.substring(Targets.ATTRIBUTES.length());
            if (key.isBlank()) {
                problems.add("names no attribute after 'attributes.'");
            } else if (Targets.SECRET_LIKE.matcher(key).matches()) {
                problems.add("copies the attribute '" + key + "', which looks like a secret; secrets never enter the model");
            }
        } else if (kind != null) {
            Targets.Target<?> declared = Targets.resolve(kind, t);
            if (declared == null) {
                problems.add("has an unknown target field '" + t + "' for " + kind + " maps; known: "
                        + String.join(", ", Targets.names(kind)) + ", attributes.<name>");
            } else {
                listTarget = declared.list();
            }
        }
        boolean multi = false;
        for (String s : r.sources()) {
            try {
                multi |= SourcePath.parse(s).isMulti();
            } catch (IllegalArgumentException e) {
                problems.add("has a malformed source path: " + e.getMessage());
            }
        }
        String conv = r.converter().orElse(null);
        if (conv == null) {
            if (r.sources().size() != 1) {
                problems.add("has " + r.sources().size() + " sources and no converter; give one source, or use"
                        + " firstNonEmpty or join for several and constant for none");
            }
            if (!r.args().isEmpty()) {
                problems.add("has args but no converter");
            }
        } else {
            problems.addAll(Converters.check(conv, r.sources().size(), r.args()));
        }
        if (multi && !listTarget && !t.isBlank() && (conv == null || !Converters.aggregates(conv))) {
            problems.add("reads a list ('[]' path) into the single-valued target '" + t
                    + "'; use an index like [0], or the converter firstNonEmpty or join");
        }
        return problems;
    }
}
