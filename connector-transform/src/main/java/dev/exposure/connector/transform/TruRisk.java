package dev.exposure.connector.transform;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import java.util.Objects;

/**
 * The TruRisk 1.0 asset risk score for managed assets, as Qualys publishes it:
 *
 * <pre>
 * score = min(cap, ACS x external x sum over s in {critical, high, medium, low} of
 *                  w_s x avg(QDS_s) x count_s^0.01)
 * </pre>
 *
 * where ACS is the asset criticality 1-5, {@code external} the factor for internet-facing assets
 * (default 1.2) or internal ones (default 1.0), {@code QDS_s} the detection scores of the asset's open
 * findings in band s (critical 90-100, high 70-89, medium 40-69, low 1-39; QDS 0 does not count), and
 * {@code w_s} the band weights (defaults critical 1.0, high 0.6, medium 0.4, low 0.2). A band without
 * findings adds nothing. Findings that are {@link FindingStatus#RESOLVED} or {@link FindingStatus#CLOSED}
 * do not count (fixed detections are not part of the score).
 *
 * <p><b>Rounding.</b> The result is rounded <em>up</em> to a whole number, then capped: Qualys'
 * published worked example (ACS 4, internal, 3 critical findings averaging QDS 95, 50 medium averaging
 * 65, 20 low averaging 30) gives 518 where the exact value is 517.08; its other example (ACS 5,
 * external, 2/10/40/30 findings averaging 95/84/65/31) exceeds 1000 and is capped at 1000.
 *
 * <p>Immutable and thread-safe; {@link Accumulator}s are not (one per asset).
 *
 * @since 0.1
 */
public final class TruRisk {
    /** The score bands of QDS values. */
    public enum Band {
        /** QDS 90-100. */
        CRITICAL,
        /** QDS 70-89. */
        HIGH,
        /** QDS 40-69. */
        MEDIUM,
        /** QDS 1-39. */
        LOW;

        /**
         * @param qds a detection score 0-100
         * @return its band, or null for 0 (no risk)
         * @throws IllegalArgumentException if outside 0-100
         */
        public static @org.jspecify.annotations.Nullable Band of(int qds) {
            if (qds < 0 || qds > 100) {
                throw new IllegalArgumentException("QDS must be 0-100, was " + qds);
            }
            return qds >= 90 ? CRITICAL : qds >= 70 ? HIGH : qds >= 40 ? MEDIUM : qds >= 1 ? LOW : null;
        }
    }

    private final double[] weights;
    private final double externalFactor;
    private final double internalFactor;
    private final int cap;
    private final int defaultCriticality;

    private TruRisk(Builder b) {
        this.weights = new double[] {b.critical, b.high, b.medium, b.low};
        this.externalFactor = b.external;
        this.internalFactor = b.internal;
        this.cap = b.cap;
        this.defaultCriticality = b.defaultCriticality;
    }

    /** @return the published defaults: weights 1.0/0.6/0.4/0.2, external 1.2, internal 1.0, cap 1000 */
    public static TruRisk defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a fresh accumulator for one asset's findings */
    public Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * @param acs the asset criticality 1-5
     * @param external true if the asset is internet-facing
     * @param findings the asset's findings (resolved and closed ones are ignored)
     * @return the score 0-cap
     * @throws IllegalArgumentException if {@code acs} is outside 1-5
     */
    public int score(int acs, boolean external, Iterable<Finding> findings) {
        Accumulator a = accumulator();
        for (Finding f : findings) {
            a.add(f);
        }
        return score(acs, external, a);
    }

    /**
     * Scores an asset with its own criticality (or the configured default when it has none).
     *
     * @param asset the asset
     * @param external true if it is internet-facing
     * @param findings its findings
     * @return the asset with {@link Asset#riskScore()} set
     */
    public Asset scored(Asset asset, boolean external, Iterable<Finding> findings) {
        int acs = asset.criticality().orElse(defaultCriticality);
        return Asset.builder().from(asset).riskScore(score(acs, external, findings)).build();
    }

    /**
     * @param acs the asset criticality 1-5
     * @param external true if the asset is internet-facing
     * @param findings the accumulated findings
     * @return the score 0-cap, rounded up
     * @throws IllegalArgumentException if {@code acs} is outside 1-5
     */
    public int score(int acs, boolean external, Accumulator findings) {
        double raw = rawScore(acs, external, findings);
        return (int) Math.min(cap, Math.ceil(raw - 1e-9));
    }

    /**
     * @param acs the asset criticality 1-5
     * @param external true if the asset is internet-facing
     * @param findings the accumulated findings
     * @return the exact, uncapped value of the formula
     * @throws IllegalArgumentException if {@code acs} is outside 1-5
     */
    public double rawScore(int acs, boolean external, Accumulator findings) {
        if (acs < 1 || acs > 5) {
            throw new IllegalArgumentException("asset criticality must be 1-5, was " + acs);
        }
        double sum = 0;
        for (Band b : Band.values()) {
            long n = findings.counts[b.ordinal()];
            if (n > 0) {
                double avg = (double) findings.sums[b.ordinal()] / n;
                sum += weights[b.ordinal()] * avg * Math.pow(n, 0.01);
            }
        }
        return acs * (external ? externalFactor : internalFactor) * sum;
    }

    /** Collects one asset's detection scores by band. Not thread-safe. */
    public static final class Accumulator {
        private final long[] counts = new long[4];
        private final long[] sums = new long[4];

        private Accumulator() {}

        /**
         * Adds an open finding's QDS; resolved and closed findings are ignored.
         *
         * @param finding the finding
         * @return this accumulator
         */
        public Accumulator add(Finding finding) {
            FindingStatus s = finding.findingStatus();
            if (s != FindingStatus.RESOLVED && s != FindingStatus.CLOSED) {
                add(finding.qds());
            }
            return this;
        }

        /**
         * @param qds a detection score 0-100 (0 adds nothing)
         * @return this accumulator
         * @throws IllegalArgumentException if outside 0-100
         */
        public Accumulator add(int qds) {
            Band b = Band.of(qds);
            if (b != null) {
                counts[b.ordinal()]++;
                sums[b.ordinal()] += qds;
            }
            return this;
        }

        /**
         * Adds {@code count} findings of one band with a given average QDS (as published examples give them).
         *
         * @param band the band
         * @param count how many findings
         * @param averageQds their average QDS
         * @return this accumulator
         */
        public Accumulator add(Band band, long count, double averageQds) {
            counts[band.ordinal()] += count;
            sums[band.ordinal()] += Math.round(averageQds * count);
            return this;
        }

        /**
         * @param band a band
         * @return how many findings it holds
         */
        public long count(Band band) {
            return counts[band.ordinal()];
        }
    }

    /** Configures weights and factors. Not thread-safe. */
    public static final class Builder {
        private double critical = 1.0;
        private double high = 0.6;
        private double medium = 0.4;
        private double low = 0.2;
        private double external = 1.2;
        private double internal = 1.0;
        private int cap = 1000;
        private int defaultCriticality = 3;

        private Builder() {}

        /**
         * @param critical weight of the critical band (default 1.0)
         * @param high weight of the high band (default 0.6)
         * @param medium weight of the medium band (default 0.4)
         * @param low weight of the low band (default 0.2)
         * @return this builder
         */
        public Builder weights(double critical, double high, double medium, double low) {
            this.critical = nonNegative(critical, "critical");
            this.high = nonNegative(high, "high");
            this.medium = nonNegative(medium, "medium");
            this.low = nonNegative(low, "low");
            return this;
        }

        /**
         * @param value factor for internet-facing assets (default 1.2)
         * @return this builder
         */
        public Builder externalFactor(double value) {
            this.external = nonNegative(value, "externalFactor");
            return this;
        }

        /**
         * @param value factor for internal assets (default 1.0)
         * @return this builder
         */
        public Builder internalFactor(double value) {
            this.internal = nonNegative(value, "internalFactor");
            return this;
        }

        /**
         * @param value the maximum score (default 1000)
         * @return this builder
         */
        public Builder cap(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("cap must be positive, was " + value);
            }
            this.cap = value;
            return this;
        }

        /**
         * @param acs the ACS {@link #scored} uses for assets without a criticality (default 3, the middle)
         * @return this builder
         */
        public Builder defaultCriticality(int acs) {
            if (acs < 1 || acs > 5) {
                throw new IllegalArgumentException("defaultCriticality must be 1-5, was " + acs);
            }
            this.defaultCriticality = acs;
            return this;
        }

        /** @return the scorer */
        public TruRisk build() {
            return new TruRisk(this);
        }

        private static double nonNegative(double v, String name) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be a non-negative number, was " + v);
            }
            return v;
        }
    }

    @Override
    public String toString() {
        return "TruRisk{weights=" + java.util.Arrays.toString(weights) + ", external=" + externalFactor
                + ", internal=" + internalFactor + ", cap=" + cap + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruRisk t && java.util.Arrays.equals(weights, t.weights)
                && externalFactor == t.externalFactor && internalFactor == t.internalFactor && cap == t.cap
                && defaultCriticality == t.defaultCriticality;
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(weights), externalFactor, internalFactor, cap, defaultCriticality);
    }
}
