package dev.exposure.connector.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a {@link TransformMap}: {@code target <- source path(s) [+ converter(args)]}.
 *
 * <p>A rule is plain data; it is checked and compiled when its map is built or loaded. Immutable;
 * the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * TransformRule.of("findingStatus", "properties.status.code")
 *         .withConverter("valueTable", Map.of("Healthy", "RESOLVED", "Unhealthy", "OPEN"));
 * }</pre>
 *
 * @since 0.1
 */
public final class TransformRule {
    private final String target;
    private final List<String> sources;
    private final @Nullable String converter;
    private final Map<String, String> args;

    private TransformRule(String target, List<String> sources, @Nullable String converter, Map<String, String> args) {
        this.target = Objects.requireNonNull(target, "target must not be null");
        this.sources = List.copyOf(sources);
        this.converter = converter;
        this.args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /**
     * A rule copying one source path to a target field, without a converter.
     *
     * @param target the target field, e.g. {@code externalAssetId}
     * @param source the source path, e.g. {@code properties.vmId}
     * @return the rule
     */
    public static TransformRule of(String target, String source) {
        return new TransformRule(target, List.of(source), null, Map.of());
    }

    /**
     * A rule with every part given.
     *
     * @param target the target field
     * @param sources the source paths, in order (empty for {@code constant})
     * @param converter the converter name, or null for none
     * @param args the converter's arguments (their order is kept)
     * @return the rule
     */
    public static TransformRule of(String target, List<String> sources, @Nullable String converter,
            Map<String, String> args) {
        return new TransformRule(target, sources, converter, args);
    }

    /**
     * A rule setting a target to a fixed value (the {@code constant} converter).
     *
     * @param target the target field
     * @param value the value
     * @return the rule
     */
    public static TransformRule constant(String target, String value) {
        return new TransformRule(target, List.of(), "constant", Map.of("value", value));
    }

    /** @return the target field name, e.g. {@code findingSeverity} or {@code attributes.rbacGroupName} */
    public String target() {
        return target;
    }

    /** @return the source paths, in order; empty for a constant */
    public List<String> sources() {
        return sources;
    }

    /** @return the converter name, when the rule has one */
    public Optional<String> converter() {
        return Optional.ofNullable(converter);
    }

    /** @return the converter's arguments in their original order; empty when none */
    public Map<String, String> args() {
        return args;
    }

    /**
     * @param newTarget the target field
     * @return a copy with another target
     */
    public TransformRule withTarget(String newTarget) {
        return new TransformRule(newTarget, sources, converter, args);
    }

    /**
     * @param newSources the source paths
     * @return a copy with other sources
     */
    public TransformRule withSources(List<String> newSources) {
        return new TransformRule(target, newSources, converter, args);
    }

    /**
     * @param name the converter name
     * @param newArgs its arguments
     * @return a copy with another converter
     */
    public TransformRule withConverter(String name, Map<String, String> newArgs) {
        return new TransformRule(target, sources, Objects.requireNonNull(name, "name must not be null"), newArgs);
    }

    /**
     * @param name the converter name (no arguments)
     * @return a copy with another converter
     */
    public TransformRule withConverter(String name) {
        return withConverter(name, Map.of());
    }

    /** @return a copy without converter and arguments */
    public TransformRule withoutConverter() {
        return new TransformRule(target, sources, null, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformRule r && target.equals(r.target) && sources.equals(r.sources)
                && Objects.equals(converter, r.converter) && args.equals(r.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, sources, converter, args);
    }

    /** @return the rule as {@code target <- a, b + converter(k=v)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(target).append(" <- ");
        sb.append(sources.isEmpty() ? "()" : String.join(", ", sources));
        if (converter != null) {
            sb.append(" + ").append(converter);
            if (!args.isEmpty()) {
                sb.append(args.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "(", ")")));
            }
        }
        return sb.toString();
    }
}
