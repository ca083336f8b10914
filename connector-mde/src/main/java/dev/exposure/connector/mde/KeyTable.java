package dev.exposure.connector.mde;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A growable map from 128-bit keys to one {@code long}, in one primitive array: the per-key state
 * of the findings stream (the machine index, the delta window). Keys are
 * {@link #key(String) name-based UUIDs of lower-cased text} (MD5, as connector-mdc keys its
 * network index), so a key costs no object. Open addressing with linear probing over an
 * interleaved {@code long[]} (24 bytes per slot: high, low, value); the table doubles when it is
 * three quarters full, so it holds 32 to 64 bytes per key (100,000 keys: 3.2 to 6.3 MB).
 * The all-zero key is stored as {@code (0, 1)} (the empty marker is {@code (0, 0)}), a one-bit loss
 * that is irrelevant for hashes. Not thread-safe.
 */
final class KeyTable {
    /** What {@link #get} returns for a key that is not in the table. */
    static final long ABSENT = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 64;

    private long[] slots;
    private int mask;
    private int size;
    private int limit;

    KeyTable() {
        this(MIN_CAPACITY);
    }

    KeyTable(int expectedKeys) {
        int cap = MIN_CAPACITY;
        while (cap * 3L / 4 < expectedKeys) {
            cap <<= 1;
        }
        allocate(cap);
    }

    /** @return the 128-bit key of a text: the name-based UUID of its lower-cased UTF-8 bytes */
    static UUID key(String text) {
        return UUID.nameUUIDFromBytes(text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private void allocate(int capacity) {
        slots = new long[capacity * 3];
        mask = capacity - 1;
        limit = capacity / 4 * 3;
    }

    private int find(long high, long low) {
        int i = (int) (low ^ (low >>> 32)) & mask;
        while (true) {
            int s = i * 3;
            long h = slots[s];
            long l = slots[s + 1];
            if (h == 0 && l == 0 || h == high && l == low) {
                return s;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return the value stored for the key, or {@link #ABSENT} */
    long get(UUID key) {
        long high = key.getMostSignificantBits();
        long low = fixLow(high, key.getLeastSignificantBits());
        int s = find(high, low);
        return slots[s] == 0 && slots[s + 1] == 0 ? ABSENT : slots[s + 2];
    }

    /** @return true if the key is in the table */
    boolean contains(UUID key) {
        return get(key) != ABSENT;
    }

    /**
     * Stores a value for a key, replacing any before.
     *
     * @param value any value but {@link #ABSENT}
     */
    void put(UUID key, long value) {
        if (value == ABSENT) {
            throw new IllegalArgumentException("the value " + ABSENT + " marks absent keys");
        }
        long high = key.getMostSignificantBits();
        long low = fixLow(high, key.getLeastSignificantBits());
        int s = find(high, low);
        if (slots[s] == 0 && slots[s + 1] == 0) {
            if (size >= limit) {
                grow();
                s = find(high, low);
            }
            slots[s] = high;
            slots[s + 1] = low;
            size++;
        }
        slots[s + 2] = value;
    }

    private static long fixLow(long high, long low) {
        return high == 0 && low == 0 ? 1 : low;
    }

    private void grow() {
        long[] old = slots;
        allocate((mask + 1) * 2);
        for (int s = 0; s < old.length; s += 3) {
            if (old[s] != 0 || old[s + 1] != 0) {
                int t = find(old[s], old[s + 1]);
                slots[t] = old[s];
                slots[t + 1] = old[s + 1];
                slots[t + 2] = old[s + 2];
            }
        }
    }

    /** @return the keys in the table */
    int size() {
        return size;
    }

    /** @return the bytes of the table's array */
    long memoryBytes() {
        return 16L + slots.length * 8L;
    }
}
