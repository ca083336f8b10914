package dev.exposure.connector.transform;

import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TransformMap} compiled into an executable plan: parsed paths, bound converters and
 * setter lambdas, looked up once. Immutable and thread-safe; each {@link #apply} works on its own
 * draft.
 *
 * @param <D> the draft type
 * @param <T> the produced model type
 */
final class CompiledMap<D extends Targets.Draft, T> {
    /**
     * A compiled rule. {@code op} is its target's declared index ({@code -1} for an attribute, set by
     * {@code setter}); {@code slot} is its target's place in the draft's {@code filled} array: one
     * per distinct target of the map, in order of first use (an alias shares its field's slot).
     */
    record Rule<D>(String text, String field, SourcePath[] paths, Converters.@Nullable Fn fn,
            Targets.Target<D> target, BiConsumer<D, Object> setter, int op, int slot, boolean list, boolean required) {}

    private final TransformMap map;
    private final Rule<D>[] rules;
    private final Map<String, String> rulesByTarget;
    /** The slots of the required targets, in declaration order, and their names. */
    private final int[] requiredSlots;
    private final String[] requiredNames;
    private final SourcePath[] identity;
    private final Function<Integer, D> drafts;
    private final Function<D, T> finish;
    private final int slots;

    private CompiledMap(TransformMap map, List<Rule<D>> rules, Map<String, String> rulesByTarget, int slots,
            Function<Integer, D> drafts, Function<D, T> finish) {
        this.map = map;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Rule<D>[] array = rules.toArray(new Rule[0]);
        this.rules = array;
        this.rulesByTarget = rulesByTarget;
        List<String> required = Targets.required(map.target());
        this.requiredNames = required.toArray(new String[0]);
        this.requiredSlots = new int[requiredNames.length];
        for (int i = 0; i < requiredNames.length; i++) {
            String name = requiredNames[i];
            this.requiredSlots[i] = rules.stream().filter(r -> r.target.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("map '" + map.name() + "' sets no " + name)).slot;
        }
        this.slots = slots;
        this.drafts = drafts;
        this.finish = finish;
        this.identity = map.identity().stream().map(SourcePath::parse).toArray(SourcePath[]::new);
    }

    static CompiledMap<Targets.AssetDraft, Asset> assets(TransformMap map, RiskSeverityMapping severities,
            CriticalityMapping criticality) {
        require(map, TargetKind.ASSET);
        return compile(map, Targets.ASSET, severities, slots -> new Targets.AssetDraft(slots, criticality),
                Targets.AssetDraft::build);
    }

    static CompiledMap<Targets.FindingDraft, Finding> findings(TransformMap map, RiskSeverityMapping severities) {
        require(map, TargetKind.FINDING);
        return compile(map, Targets.FINDING, severities, slots -> new Targets.FindingDraft(slots, severities),
                Targets.FindingDraft::build);
    }

    private static void require(TransformMap map, TargetKind kind) {
        if (map.target() != kind) {
            throw new IllegalArgumentException("map '" + map.name() + "' produces " + map.target() + ", not " + kind);
        }
    }

    private static <D extends Targets.Draft, T> CompiledMap<D, T> compile(TransformMap map, Targets.Table<D> table,
            RiskSeverityMapping severities, Function<Integer, D> drafts, Function<D, T> finish) {
        Map<String, Integer> slotOf = new LinkedHashMap<>();
        Map<String, String> byTarget = new LinkedHashMap<>();
        List<Rule<D>> rules = new ArrayList<>();
        for (TransformRule r : map.rules()) {
            Targets.Target<D> target = Objects.requireNonNull(Targets.resolve(table, r.target()), r.target());
            int slot = slotOf.computeIfAbsent(target.name(), k -> slotOf.size());
            byTarget.merge(target.name(), r.toString(), (a, b) -> a + "; " + b);
            SourcePath[] paths = r.sources().stream().map(SourcePath::parse).toArray(SourcePath[]::new);
            Converters.Fn fn = r.converter().map(c -> Converters.bind(c, r.args())).orElse(null);
            rules.add(new Rule<>(r.toString(), String.join(" | ", r.sources()), paths, fn, target, target.setter(), target.index(),
                    slot, target.list(), target.required()));
        }
        return new CompiledMap<>(map, List.copyOf(rules), byTarget, slotOf.size(), drafts, finish);
    }

    TransformMap map() {
        return map;
    }

    /** @return the compiled rules, in order (for tests) */
    List<Rule<D>> rules() {
        return List.of(rules);
    }

    /**
     * Transforms a record strictly: any rule that fails fails the record.
     *
     * @param record the vendor record
     * @return the model object
     * @throws RecordTransformException naming the record and rule when it cannot be transformed
     */
    T apply(SourceRecord record) {
        return apply(record, null);
    }

    /**
     * Transforms a record, tolerating bad optional fields: a rule for a target that is not required
     * and that fails on the record's value leaves that target out and reports the value to
     * {@code issues} as dropped (in strict mode {@code issues} throws instead). A failing rule for
     * a required target still fails the record.
     *
     * @param record the vendor record
     * @param issues where dropped values are reported; null to fail the record on any failing rule
     * @return the model object
     * @throws RecordTransformException naming the record and rule when it cannot be transformed
     */
    T apply(SourceRecord record, @Nullable FieldIssues issues) {
        return apply(record, drafts.apply(slots), issues);
    }

    private T apply(SourceRecord record, D draft, @Nullable FieldIssues issues) {
        Map<String, Object> attrs = record.attributes();
        boolean[] filled = draft.filled();
        for (Rule<D> r : rules) {
            if (!r.list && filled[r.slot]) {
                continue;
            }
            Object v = null;
            try {
                v = r.paths.length > 1 && r.fn != null && r.fn.isFirstNonEmpty()
                        ? readFirstNonEmpty(r.paths, attrs) : read(r.paths, attrs);
                if (r.fn != null) {
                    v = r.fn.apply(v);
                }
                if (Values.isEmpty(v)) {
                    continue;
                }
                if (r.op < 0) {
                    r.setter.accept(draft, v);
                } else if (draft instanceof Targets.FindingDraft f) {
                    Targets.setFinding(f, r.op, v);
                } else {
                    Targets.setAsset((Targets.AssetDraft) draft, r.op, v);
                }
                filled[r.slot] = true;
            } catch (RuntimeException e) {
                if (issues == null || r.required || issues.strict()) {
                    throw new RecordTransformException(record.sourceId(), map.name(), r.text, problem(e), e);
                }
                issues.dropped(r.field, v, "rule '" + r.text + "': " + problem(e), record.sourceId());
            }
        }
        for (int i = 0; i < requiredSlots.length; i++) {
            if (!filled[requiredSlots[i]]) {
                String target = requiredNames[i];
                throw new RecordTransformException(record.sourceId(), map.name(), rulesByTarget.get(target),
                        "no value for the required target '" + target + "' (the source is missing or blank)", null);
            }
        }
        try {
            return finish.apply(draft);
        } catch (RuntimeException e) {
            throw new RecordTransformException(record.sourceId(), map.name(), null, problem(e), e);
        }
    }

    private static String problem(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The first source with a value, without reading the others or collecting them in a list. */
    private static @Nullable Object readFirstNonEmpty(SourcePath[] paths, Map<String, Object> attrs) {
        for (SourcePath p : paths) {
            Object v = Converters.firstNonEmpty(p.get(attrs));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable Object read(SourcePath[] paths, Map<String, Object> attrs) {
        if (paths.length == 1) {
            return paths[0].get(attrs);
        }
        if (paths.length == 0) {
            return null;
        }
        List<Object> values = new ArrayList<>(paths.length);
        for (SourcePath p : paths) {
            Object v = p.get(attrs);
            values.add(v);
        }
        return values;
    }

    /** @return true if the map names identity paths, so that a record's identity is known before it is transformed */
    boolean identityFromRecord() {
        return identity.length > 0;
    }

    /**
     * @return a hasher of records' identities under this map, for one consumer
     * @throws IllegalStateException if the map names no identity paths
     */
    IdentityHasher identityHasher() {
        if (identity.length == 0) {
            throw new IllegalStateException("map '" + map.name() + "' names no identity paths");
        }
        return new IdentityHasher();
    }

    /**
     * Hashes a record's identity: the map's identity paths, lower-cased, read from the vendor record.
     * Records come grouped by asset, so when the first path's value equals the previous record's
     * the hash state after it is reused instead of hashing it again. Not thread-safe.
     */
    final class IdentityHasher {
        private final Hash128 h = new Hash128();
        private final Hash128 prefix = new Hash128();
        private @Nullable String lastFirst;

        /**
         * @param record the vendor record
         * @return the hasher holding the finished key
         * @throws RecordTransformException if an identity value is not a single value or a list of them
         */
        Hash128 hash(SourceRecord record) {
            Map<String, Object> attrs = record.attributes();
            Object first = identity[0].get(attrs);
            int from = 0;
            if (identity.length > 1 && first instanceof String s && s.equals(lastFirst)) {
                h.copyFrom(prefix);
                from = 1;
            } else {
                h.reset();
            }
            for (int i = from; i < identity.length; i++) {
                Object v = i == 0 ? first : identity[i].get(attrs);
                try {
                    if (v == null) {
                        h.putNull();
                    } else if (v instanceof List<?> l) {
                        for (Object e : l) {
                            h.putLower(Values.text(e));
                        }
                    } else {
                        h.putLower(Values.text(v));
                    }
                } catch (RuntimeException e) {
                    throw new RecordTransformException(record.sourceId(), map.name(), null, "identity path '"
                            + map.identity().get(i) + "': " + problem(e), e);
                }
                if (i == 0 && identity.length > 1) {
                    // the first path (the asset, in the shipped maps) groups the keys in the dedup set
                    h.markGroup();
                    prefix.copyFrom(h);
                    lastFirst = first instanceof String s ? s : null;
                }
            }
            return h.finish();
        }
    }

    /** Feeds a produced object's identity into a hasher: its ids, lower-cased (for maps without identity paths). */
    static void identity(Object produced, Hash128 h) {
        h.reset();
        if (produced instanceof Finding f) {
            h.putLower(f.externalAssetId()).markGroup();
            h.putLower(f.externalFindingId());
        } else {
            h.putLower(((Asset) produced).externalAssetId());
        }
        h.finish();
    }
}
