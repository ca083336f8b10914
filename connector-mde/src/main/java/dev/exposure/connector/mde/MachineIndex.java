package dev.exposure.connector.mde;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the findings stream knows about the tenant's machines, from one pass over
 * {@code GET /api/machines} made before the findings: which device ids are delivered as assets
 * (a {@link KeyTable} of the 128-bit keys of their lower-cased ids, 32-64 bytes per machine) and,
 * for each machine Defender merged into another ({@code mergedIntoMachineId} set), the id it was
 * merged into (a {@code HashMap} entry, about 200 bytes per merged machine; merged machines are
 * few). 100,000 machines take 3.2-6.3 MB. Not thread-safe.
 *
 * <p>A merge chain (A merged into B, B into C) is followed up to {@link #MAX_HOPS} links; a loop
 * stops at the last machine before it repeats.
 */
final class MachineIndex {
    /** The longest merge chain followed. */
    static final int MAX_HOPS = 8;

    private final KeyTable assets = new KeyTable(1024);
    private final Map<UUID, String> mergedInto = new HashMap<>();
    private final boolean available;
    private long potentialDuplicates;

    private MachineIndex(boolean available) {
        this.available = available;
    }

    /** @return an empty index to fill with {@link #add} */
    static MachineIndex create() {
        return new MachineIndex(true);
    }

    /** @return an index that knows no machine: nothing is re-attributed, every device counts as known */
    static MachineIndex unavailable() {
        return new MachineIndex(false);
    }

    /** @return false if the machine list could not be read, so the index knows nothing */
    boolean available() {
        return available;
    }

    /** @return the id a machine row says it was merged into, or null (absent, blank or its own id) */
    static @Nullable String mergeTarget(Map<String, Object> machine) {
        Object target = machine.get("mergedIntoMachineId");
        Object id = machine.get("id");
        if (!(target instanceof String t) || t.isBlank() || t.strip().equalsIgnoreCase(String.valueOf(id).strip())) {
            return null;
        }
        return t.strip();
    }

    /** Adds one row of {@code GET /api/machines} (with an {@code id}). */
    void add(Map<String, Object> machine) {
        String id = String.valueOf(machine.get("id"));
        String target = mergeTarget(machine);
        if (target != null) {
            mergedInto.put(KeyTable.key(id), target);
        } else {
            assets.put(KeyTable.key(id), 1);
            if (Boolean.TRUE.equals(machine.get("isPotentialDuplication"))) {
                potentialDuplicates++;
            }
        }
    }

    /**
     * @param deviceId a finding's device id
     * @return the machine it ends up merged into (following chains), or null if it was not merged
     */
    @Nullable String mergedInto(String deviceId) {
        if (mergedInto.isEmpty()) {
            return null;
        }
        String target = mergedInto.get(KeyTable.key(deviceId));
        if (target == null) {
            return null;
        }
        for (int hop = 1; hop < MAX_HOPS; hop++) {
            String further = mergedInto.get(KeyTable.key(target));
            if (further == null || further.equalsIgnoreCase(deviceId)) {
                break;
            }
            target = further;
        }
        return target;
    }

    /** @return true if the device is delivered as an asset (always true when the index is unavailable) */
    boolean isAsset(String deviceId) {
        return !available || assets.contains(KeyTable.key(deviceId));
    }

    /** @return machines delivered as assets */
    int assets() {
        return assets.size();
    }

    /** @return machines merged into others */
    int merged() {
        return mergedInto.size();
    }

    /** @return asset machines flagged {@code isPotentialDuplication} */
    long potentialDuplicates() {
        return potentialDuplicates;
    }

    /** @return an estimate of the index's heap bytes */
    long memoryBytes() {
        return assets.memoryBytes() + mergedInto.size() * 200L;
    }
}
