package dev.exposure.connector.transform;

import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
final class CompiledMap<D, T> {
    private record Rule<D>(String text, SourcePath[] paths, Converters.@Nullable Fn fn, Targets.Target<D> target,
            int slot, int op, boolean list, int identityIndex) {}

    /** Marks an identity value that {@link #apply} did not capture. */
    static final Object UNSET = new Object();

    private final TransformMap map;
    private final Rule<D>[] rules;
    private final Map<String, String> rulesByTarget;
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

    private static <D, T> CompiledMap<D, T> compile(TransformMap map, Map<String, Targets.Target<D>> table,
            RiskSeverityMapping severities, Function<Integer, D> drafts, Function<D, T> finish) {
        Map<String, Integer> slotOf = new LinkedHashMap<>();
        List<String> identityPaths = map.identity();
        boolean[] captured = new boolean[identityPaths.size()];
        Map<String, String> byTarget = new LinkedHashMap<>();
        List<Rule<D>> rules = new ArrayList<>();
        for (TransformRule r : map.rules()) {
            Targets.Target<D> target = r.target().startsWith(Targets.ATTRIBUTES)
                    ? Targets.attribute(map.target(), r.target()) : table.get(r.target());
            int slot = slotOf.computeIfAbsent(target.name(), k -> slotOf.size());
            byTarget.merge(target.name(), r.toString(), (a, b) -> a + "; " + b);
            SourcePath[] paths = r.sources().stream().map(SourcePath::parse).toArray(SourcePath[]::new);
            Converters.Fn fn = r.converter().map(c -> Converters.bind(c, r.args(), severities)).orElse(null);
            int identityIndex = -1;
            if (paths.length == 1 && !paths[0].isMulti()) {
                int i = identityPaths.indexOf(r.sources().get(0));
                if (i >= 0 && !captured[i]) {
                    captured[i] = true;
                    identityIndex = i;
                }
            }
            rules.add(new Rule<>(r.toString(), paths, fn, target, slot, target.op(), target.list(), identityIndex));
        }
        return new CompiledMap<>(map, List.copyOf(rules), byTarget, slotOf.size(), drafts, finish);
    }

    TransformMap map() {
        return map;
    }

    /** @return how many identity paths the map has */
    int identitySize() {
        return identity.length;
    }

    /**
     * @param record the vendor record
     * @return the model object
     * @throws RecordTransformException naming the record and rule when it cannot be transformed
     */
    T apply(SourceRecord record) {
        return apply(record, null);
    }

    /**
     * @param record the vendor record
     * @param identity when not null, receives the raw values of identity paths that rules read
     *     (others stay {@link #UNSET}), so that {@link #identity} need not look them up again
     * @return the model object
     * @throws RecordTransformException naming the record and rule when it cannot be transformed
     */
    T apply(SourceRecord record, Object @Nullable [] identity) {
        Map<String, Object> attrs = record.attributes();
        if (identity != null) {
            java.util.Arrays.fill(identity, UNSET);
        }
        D draft = drafts.apply(slots);
        boolean[] filled = filled(draft);
        for (Rule<D> r : rules) {
            if (!r.list && filled[r.slot]) {
                continue;
            }
            try {
                Object v = read(r.paths, attrs);
                if (identity != null && r.identityIndex >= 0) {
                    identity[r.identityIndex] = v;
                }
                if (r.fn != null) {
                    v = r.fn.apply(v);
                }
                if (Values.isEmpty(v)) {
                    continue;
                }
                if (r.op < 0) {
                    r.target.setter().accept(draft, v);
                } else if (draft instanceof Targets.FindingDraft f) {
                    Targets.setFinding(f, r.op, v);
                } else {
                    Targets.setAsset((Targets.AssetDraft) draft, r.op, v);
                }
                filled[r.slot] = true;
            } catch (RuntimeException e) {
                throw new RecordTransformException(record.sourceId(), map.name(), r.text, problem(e), e);
            }
        }
        try {
            return finish.apply(draft);
        } catch (Targets.MissingTarget e) {
            String rule = rulesByTarget.get(e.target);
            throw new RecordTransformException(record.sourceId(), map.name(), rule,
                    e.getMessage() + " (the source is missing or blank)", null);
        } catch (RuntimeException e) {
            throw new RecordTransformException(record.sourceId(), map.name(), null, problem(e), e);
        }
    }

    private static String problem(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private boolean[] filled(D draft) {
        if (draft instanceof Targets.AssetDraft a) {
            return a.filled;
        }
        return ((Targets.FindingDraft) draft).filled;
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

    /**
     * Feeds a record's identity into a hasher: the map's identity paths, lower-cased, or by default
     * the produced object's ids.
     */
    void identity(SourceRecord record, T produced, Hash128 h) {
        identity(record, produced, h, null);
    }

    /** As {@link #identity(SourceRecord, Object, Hash128)}, using values {@link #apply} captured. */
    void identity(SourceRecord record, T produced, Hash128 h, Object @Nullable [] captured) {
        h.reset();
        if (identity.length > 0) {
            Map<String, Object> attrs = record.attributes();
            for (int i = 0; i < identity.length; i++) {
                Object v = captured != null && captured[i] != UNSET ? captured[i] : identity[i].get(attrs);
                if (v == null) {
                    h.putNull();
                } else if (v instanceof List<?> l) {
                    for (Object e : l) {
                        h.putLower(Values.text(e));
                    }
                } else {
                    h.putLower(Values.text(v));
                }
            }
        } else if (produced instanceof Finding f) {
            h.putLower(f.externalAssetId());
            h.putLower(f.externalFindingId());
        } else {
            h.putLower(((Asset) produced).externalAssetId());
        }
        h.finish();
    }
}
