package dev.exposure.connector.transform;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The transform engine a host wires between a connector and its sink: compiled asset and finding
 * maps, a risk severity mapping, a criticality mapping, an error policy and a clock.
 *
 * <pre>{@code
 * Transformer transformer = Transformer.builder()
 *         .assetMap(assetMap).findingMap(findingMap)
 *         .severityMapping(RiskSeverityMapping.mdeDefault())
 *         .clock(clock)
 *         .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
 *         .build();
 * try (TransformedStream<Finding> findings = transformer.findings(connector.fetchFindings(request))) {
 *     findings.forEachRemaining(sink::accept);
 *     findings.checkpoint().ifPresent(store::save);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: the maps are compiled once in {@link Builder#build()}; any number of
 * threads may transform records or open streams at once. Each stream has its own dedup state. The
 * engine performs no I/O and reads time only from the given {@link Clock} (for report timestamps).
 *
 * @since 0.1
 */
public final class Transformer {
    private final @Nullable CompiledMap<Targets.AssetDraft, Asset> assets;
    private final @Nullable CompiledMap<Targets.FindingDraft, Finding> findings;
    private final RiskSeverityMapping severityMapping;
    private final CriticalityMapping criticalityMapping;
    private final ErrorPolicy errorPolicy;
    private final Clock clock;
    private final long expectedKeys;
    private final boolean strictFields;
    private final SyncListener listener;

    private Transformer(Builder b) {
        this.strictFields = b.strictFields;
        this.listener = b.listener;
        this.severityMapping = Objects.requireNonNull(b.severityMapping);
        this.criticalityMapping = b.criticalityMapping;
        this.assets = b.assetMap == null ? null : CompiledMap.assets(b.assetMap, severityMapping, criticalityMapping);
        this.findings = b.findingMap == null ? null : CompiledMap.findings(b.findingMap, severityMapping);
        this.errorPolicy = b.errorPolicy;
        this.clock = Objects.requireNonNull(b.clock);
        this.expectedKeys = b.expectedKeys;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Transforms one asset record (no dedup).
     *
     * @param record an {@link SourceRecord.Kind#ASSET} record
     * @return the asset
     * @throws IllegalStateException if no asset map was configured
     * @throws RecordTransformException if the record cannot be transformed
     */
    public Asset toAsset(SourceRecord record) {
        return requireAssets().apply(record);
    }

    /**
     * Transforms one finding record (no dedup).
     *
     * @param record a {@link SourceRecord.Kind#FINDING} record
     * @return the finding
     * @throws IllegalStateException if no finding map was configured
     * @throws RecordTransformException if the record cannot be transformed
     */
    public Finding toFinding(SourceRecord record) {
        return requireFindings().apply(record);
    }

    /**
     * Wraps a stream of asset records; the result de-duplicates and applies the error policy. Closing
     * it closes {@code source}.
     *
     * @param source the connector's asset stream
     * @return the asset stream
     * @throws IllegalStateException if no asset map was configured
     */
    public TransformedStream<Asset> assets(RecordStream<SourceRecord> source) {
        return new TransformedStream<>(Objects.requireNonNull(source, "source must not be null"), requireAssets(),
                SourceRecord.Kind.ASSET, errorPolicy, clock, expectedKeys, new SyncCounters(), listener,
                strictFields);
    }

    /**
     * Wraps a stream of finding records; the result de-duplicates and applies the error policy.
     * Closing it closes {@code source}.
     *
     * @param source the connector's finding stream
     * @return the finding stream
     * @throws IllegalStateException if no finding map was configured
     */
    public TransformedStream<Finding> findings(RecordStream<SourceRecord> source) {
        return new TransformedStream<>(Objects.requireNonNull(source, "source must not be null"), requireFindings(),
                SourceRecord.Kind.FINDING, errorPolicy, clock, expectedKeys, new SyncCounters(), listener,
                strictFields);
    }

    /** @return the asset map, if configured */
    public Optional<TransformMap> assetMap() {
        return Optional.ofNullable(assets).map(CompiledMap::map);
    }

    /** @return the finding map, if configured */
    public Optional<TransformMap> findingMap() {
        return Optional.ofNullable(findings).map(CompiledMap::map);
    }

    /** @return the risk severity mapping */
    public RiskSeverityMapping severityMapping() {
        return severityMapping;
    }

    /** @return the criticality mapping applied to assets without a mapped criticality */
    public CriticalityMapping criticalityMapping() {
        return criticalityMapping;
    }

    /** @return the error policy of the streams */
    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    private CompiledMap<Targets.AssetDraft, Asset> requireAssets() {
        if (assets == null) {
            throw new IllegalStateException("this transformer has no asset map; set Transformer.builder().assetMap(..)");
        }
        return assets;
    }

    private CompiledMap<Targets.FindingDraft, Finding> requireFindings() {
        if (findings == null) {
            throw new IllegalStateException("this transformer has no finding map; set Transformer.builder().findingMap(..)");
        }
        return findings;
    }

    /** Builds a {@link Transformer}. Not thread-safe. */
    public static final class Builder {
        private @Nullable TransformMap assetMap;
        private @Nullable TransformMap findingMap;
        private @Nullable RiskSeverityMapping severityMapping;
        private CriticalityMapping criticalityMapping = CriticalityMapping.mdeDefault();
        private boolean strictFields;
        private SyncListener listener = SyncListener.NONE;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private @Nullable Clock clock;
        private long expectedKeys = 4096;
        private final List<String> providersWithoutDefaults = new ArrayList<>();

        private Builder() {}

        /**
         * @param map an {@link TargetKind#ASSET} map
         * @return this builder
         * @throws IllegalArgumentException if the map makes findings
         */
        public Builder assetMap(TransformMap map) {
            if (map.target() != TargetKind.ASSET) {
                throw new IllegalArgumentException("map '" + map.name() + "' makes " + map.target()
                        + "; assetMap(..) needs an ASSET map");
            }
            this.assetMap = map;
            return this;
        }

        /**
         * @param map a {@link TargetKind#FINDING} map
         * @return this builder
         * @throws IllegalArgumentException if the map makes assets
         */
        public Builder findingMap(TransformMap map) {
            if (map.target() != TargetKind.FINDING) {
                throw new IllegalArgumentException("map '" + map.name() + "' makes " + map.target()
                        + "; findingMap(..) needs a FINDING map");
            }
            this.findingMap = map;
            return this;
        }

        /**
         * Sets the default transform maps and risk severity mapping that a connector ships and names
         * in its {@link ConnectorDescriptor} ({@link ConnectorDescriptor#transformMaps()},
         * {@link ConnectorDescriptor#severityMapping()}), loaded through
         * {@link ConnectorProvider#openResource(String)}. Later calls to {@link #assetMap},
         * {@link #findingMap} or {@link #severityMapping} replace what this sets.
         *
         * <pre>{@code
         * Transformer transformer = Transformer.builder()
         *         .defaultsOf(Connectors.load().require("mde-v2"))
         *         .clock(Clock.systemUTC())
         *         .build();
         * }</pre>
         *
         * @param provider the connector's provider
         * @return this builder
         * @throws ConfigurationException if the provider names a resource it does not ship, or a
         *     shipped map or mapping is invalid (naming the resource and every problem)
         */
        public Builder defaultsOf(ConnectorProvider provider) {
            ConnectorDescriptor d = provider.descriptor();
            for (String name : d.transformMaps()) {
                TransformMap map = load(provider, name, TransformMap::fromJson);
                if (map.target() == TargetKind.ASSET) {
                    assetMap(map);
                } else {
                    findingMap(map);
                }
            }
            d.severityMapping().ifPresent(name -> severityMapping(load(provider, name, RiskSeverityMapping::fromJson)));
            if (d.transformMaps().isEmpty() && d.severityMapping().isEmpty()) {
                providersWithoutDefaults.add(provider.id());
            }
            return this;
        }

        private interface Reader<T> {
            T read(InputStream in) throws IOException;
        }

        private static <T> T load(ConnectorProvider provider, String name, Reader<T> reader) {
            try (InputStream in = provider.openResource(name).orElseThrow(() -> new ConfigurationException(
                    "connector", "provider '" + provider.id() + "' names the resource " + name
                    + " in its descriptor but does not ship it; put the complete connector module on the class path"))) {
                return reader.read(in);
            } catch (IOException e) {
                throw new ConfigurationException("connector", "cannot read the resource " + name + " of provider '"
                        + provider.id() + "': " + e.getMessage());
            }
        }

        /**
         * @param mapping the risk severity mapping (required)
         * @return this builder
         */
        public Builder severityMapping(RiskSeverityMapping mapping) {
            this.severityMapping = Objects.requireNonNull(mapping, "mapping must not be null");
            return this;
        }

        /**
         * @param mapping how to derive asset criticality from {@code deviceValue}; default
         *     {@link CriticalityMapping#mdeDefault()}
         * @return this builder
         */
        public Builder criticalityMapping(CriticalityMapping mapping) {
            this.criticalityMapping = Objects.requireNonNull(mapping, "mapping must not be null");
            return this;
        }

        /**
         * @param policy what streams do with records that cannot be transformed; default
         *     {@link ErrorPolicy#FAIL}, so that nothing is lost silently
         * @return this builder
         */
        public Builder errorPolicy(ErrorPolicy policy) {
            this.errorPolicy = Objects.requireNonNull(policy, "policy must not be null");
            return this;
        }

        /**
         * Field-level tolerance of the streams. By default (false) a rule for an optional target
         * that fails on a record's value (a garbage timestamp, a number where a list belongs) leaves
         * that target out, keeps the record and counts the value as dropped in the stream's
         * {@link dev.exposure.connector.SyncStats#dataQuality()}; only rules for required targets
         * ({@code externalAssetId}, {@code externalFindingId}, ...) fail the record. With true, any
         * failing rule fails the record, which the {@link ErrorPolicy} then handles.
         *
         * @param strict whether a failing optional rule fails the record
         * @return this builder
         * @since 0.1
         */
        public Builder strictFields(boolean strict) {
            this.strictFields = strict;
            return this;
        }

        /**
         * @param value told of every optional field value a stream drops
         *     ({@link SyncListener#onFieldIssue}); none by default
         * @return this builder
         * @since 0.1
         */
        public Builder listener(SyncListener value) {
            this.listener = Objects.requireNonNull(value, "listener must not be null");
            return this;
        }

        /**
         * @param value the clock for report timestamps (required; the engine reads no other time)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /**
         * @param keys distinct records a stream is expected to see, to size the dedup set up front
         *     (it grows anyway); default 4096
         * @return this builder
         */
        public Builder expectedKeys(long keys) {
            if (keys < 0) {
                throw new IllegalArgumentException("expectedKeys must not be negative, was " + keys);
            }
            this.expectedKeys = keys;
            return this;
        }

        /**
         * Compiles the maps.
         *
         * @return the transformer
         * @throws IllegalStateException listing what is missing (clock, severity mapping, any map),
         *     and naming a provider given to {@link #defaultsOf} that ships no defaults
         */
        public Transformer build() {
            List<String> missing = new ArrayList<>();
            if (clock == null) {
                missing.add("clock(..)");
            }
            if (severityMapping == null) {
                missing.add("severityMapping(..)");
            }
            if (assetMap == null && findingMap == null) {
                missing.add("assetMap(..) or findingMap(..)");
            }
            if (!missing.isEmpty()) {
                StringBuilder message = new StringBuilder("cannot build a Transformer; set ")
                        .append(String.join(", ", missing));
                for (String id : providersWithoutDefaults) {
                    message.append(". defaultsOf(..) set nothing: provider '").append(id).append("' ships no default"
                            + " transform map and no risk severity mapping (its descriptor names none, as test"
                            + " providers such as the testkit's fake do). Load your own with TransformMap.fromJson(..)"
                            + " and RiskSeverityMapping.fromJson(..), or use a shipped one such as"
                            + " RiskSeverityMapping.mdeDefault()");
                }
                throw new IllegalStateException(message.toString());
            }
            return new Transformer(this);
        }
    }
}
