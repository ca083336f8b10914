package dev.exposure.connector.transform;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Derives an asset criticality score (ACS, 1-5) from a vendor value, matched ignoring case. The
 * transformer applies it to {@link dev.exposure.connector.model.Asset#deviceValue()} when a map sets
 * no {@code criticality} itself; a host that knows better sets the criticality on the asset (or
 * passes it to {@link TruRisk#score}) and wins.
 *
 * <p>Default for Defender for Endpoint's {@code deviceValue}: {@code Low} = 2, {@code Normal} = 3,
 * {@code High} = 5 (Normal is the middle of the 1-5 scale; High marks the devices MDE users flag as
 * crown jewels, so it takes the top score; Low stays above 1, which is kept for assets the host
 * itself declares negligible).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CriticalityMapping {
    private final Map<String, Integer> scores;

    private CriticalityMapping(Map<String, Integer> scores) {
        Map<String, Integer> m = new LinkedHashMap<>();
        scores.forEach((k, v) -> m.put(k.trim().toLowerCase(Locale.ROOT), v));
        this.scores = m;
    }

    /**
     * @param scores vendor value to ACS 1-5
     * @return the mapping
     * @throws ConfigurationException listing every score outside 1-5, blank value or value repeated ignoring case
     */
    public static CriticalityMapping of(Map<String, Integer> scores) {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        scores.forEach((k, v) -> {
            if (k.isBlank()) {
                errors.add(ConfigError.of("criticality", "has a blank vendor value; remove it"));
            } else if (seen.put(k.trim().toLowerCase(Locale.ROOT), k) != null) {
                errors.add(ConfigError.of("criticality." + k, "repeats a value (ignoring case); keep one"));
            }
            if (v == null || v < 1 || v > 5) {
                errors.add(ConfigError.of("criticality." + k, "is " + v + "; use an asset criticality score 1-5"));
            }
        });
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return new CriticalityMapping(scores);
    }

    /** @return the MDE {@code deviceValue} default: Low 2, Normal 3, High 5 */
    public static CriticalityMapping mdeDefault() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Low", 2);
        m.put("Normal", 3);
        m.put("High", 5);
        return of(m);
    }

    /** @return a mapping that derives nothing */
    public static CriticalityMapping none() {
        return new CriticalityMapping(Map.of());
    }

    /**
     * @param vendorValue e.g. {@code Normal}; may be null
     * @return the ACS, or empty for null or unknown values
     */
    public OptionalInt resolve(@Nullable String vendorValue) {
        if (vendorValue == null) {
            return OptionalInt.empty();
        }
        Integer v = scores.get(vendorValue.trim().toLowerCase(Locale.ROOT));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CriticalityMapping c && scores.equals(c.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scores);
    }

    @Override
    public String toString() {
        return "CriticalityMapping" + scores;
    }
}
