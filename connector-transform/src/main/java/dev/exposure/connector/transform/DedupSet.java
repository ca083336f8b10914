package dev.exposure.connector.transform;

/**
 * A growable set of 128-bit keys (two longs) in primitive arrays: the memory-lean core of the dedup
 * stage. 256 segments, each an open-addressing table with linear probing over an interleaved
 * {@code long[]} (16 bytes per slot). A segment grows on its own, so growth never copies more than
 * about 1/256 of the set at once: it doubles while under 2,048 slots (32 KB; the whole set then holds
 * fewer than about 450,000 keys and under 9 MB), then grows by a quarter and is kept between 68% and
 * 85% full, 19-24 bytes per key: 2,000,000 keys take about 39 MB (20.4 bytes per key, measured). 256 rather than 64 segments keep each
 * segment's array under 512 KB up to about 8,000,000 keys: G1 gives an array of half a region or
 * more (regions are 1 MB in heaps under 2 GB) whole regions of its own, and with 64 segments of
 * about 650 KB at 2,000,000 keys that wasted about 22 MB of a 256 MB heap.
 *
 * <p>The segment is the top 8 bits of {@code high}. {@link Hash128#markGroup()} sets the top 6 of
 * them from a key's group (its asset), so that an asset's keys share 4 of the 256 segments and a
 * stream grouped by asset keeps coming back to the same few pages; other keys spread evenly.
 *
 * <p>The all-zero key is stored as {@code (0, 1)} (the empty slot marker is {@code (0, 0)}), a
 * one-bit loss that is irrelevant for hashes.
 *
 * <p>Not thread-safe: one per consumer.
 *
 * @since 0.1
 */
public final class DedupSet {
    private static final int SEGMENTS = 256;
    private static final int SEGMENT_SHIFT = 64 - 8;
    private static final int MIN_CAPACITY = 16;
    private static final double MAX_LOAD = 0.85;
    private static final double GROWTH = 1.25;
    /** Segments smaller than this many slots (32 KB) double: fewer rehashes while the set is small. */
    private static final int DOUBLE_BELOW = 2048;

    private final long[][] tables = new long[SEGMENTS][];
    private final int[] sizes = new int[SEGMENTS];
    private final int[] limits = new int[SEGMENTS];
    private long size;
    // where the last contains() that found nothing stopped, so that add() of that key, the dedup
    // stage's next call, need not probe again: valid until the next insert (which resets missSeg)
    // and while the segment keeps its capacity (growth changes it). Primitives only: a reference
    // field written per call would cost a G1 post-write barrier.
    private int missSeg = -1;
    private int missCap;
    private int missSlot;
    private long missHigh;
    private long missLow;

    /** Creates a set sized for a few thousand keys; it grows as needed. */
    public DedupSet() {
        this(4096);
    }

    /**
     * @param expectedKeys how many keys to make room for up front (it still grows beyond)
     * @throws IllegalArgumentException if negative
     */
    public DedupSet(long expectedKeys) {
        if (expectedKeys < 0) {
            throw new IllegalArgumentException("expectedKeys must not be negative, was " + expectedKeys);
        }
        int perSegment = (int) Math.max(MIN_CAPACITY, Math.min(1L << 28, (long) Math.ceil(expectedKeys
                / (double) SEGMENTS / MAX_LOAD)));
        for (int s = 0; s < SEGMENTS; s++) {
            tables[s] = new long[perSegment * 2];
            limits[s] = (int) (perSegment * MAX_LOAD);
        }
    }

    /**
     * Adds a key.
     *
     * @param high the first 64 bits
     * @param low the second 64 bits
     * @return true if the key was new, false if it was present already
     */
    public boolean add(long high, long low) {
        if ((high | low) == 0) {
            low = 1;
        }
        int seg = (int) (high >>> SEGMENT_SHIFT);
        long[] t = tables[seg];
        int cap = t.length >>> 1;
        int i;
        if (seg == missSeg && cap == missCap && high == missHigh && low == missLow) {
            i = missSlot;   // contains() just probed for this key and found where it goes
        } else {
            i = index(low, cap);
        }
        while (true) {
            long h = t[2 * i];
            long l = t[2 * i + 1];
            if ((h | l) == 0) {
                break;
            }
            if (h == high && l == low) {
                return false;
            }
            if (++i == cap) {
                i = 0;
            }
        }
        if (sizes[seg] >= limits[seg]) {
            grow(seg);
            return add(high, low);
        }
        t[2 * i] = high;
        t[2 * i + 1] = low;
        missSeg = -1;   // the remembered slot may be the one just filled
        sizes[seg]++;
        size++;
        return true;
    }

    /**
     * @param high the first 64 bits
     * @param low the second 64 bits
     * @return true if the set holds the key
     */
    public boolean contains(long high, long low) {
        if ((high | low) == 0) {
            low = 1;
        }
        int seg = (int) (high >>> SEGMENT_SHIFT);
        long[] t = tables[seg];
        int cap = t.length >>> 1;
        int i = index(low, cap);
        while (true) {
            long h = t[2 * i];
            long l = t[2 * i + 1];
            if ((h | l) == 0) {
                missSeg = seg;
                missCap = cap;
                missSlot = i;
                missHigh = high;
                missLow = low;
                return false;
            }
            if (h == high && l == low) {
                return true;
            }
            if (++i == cap) {
                i = 0;
            }
        }
    }

    private static int index(long low, int cap) {
        return (int) (((low >>> 32) * cap) >>> 32);
    }

    private void grow(int seg) {
        long[] old = tables[seg];
        int oldCap = old.length / 2;
        int newCap = oldCap < DOUBLE_BELOW ? oldCap * 2 : (int) Math.max(oldCap + 1, Math.ceil(oldCap * GROWTH));
        long[] t = new long[newCap * 2];
        for (int j = 0; j < old.length; j += 2) {
            long h = old[j];
            long l = old[j + 1];
            if ((h | l) == 0) {
                continue;
            }
            int i = index(l, newCap);
            while ((t[2 * i] | t[2 * i + 1]) != 0) {
                if (++i == newCap) {
                    i = 0;
                }
            }
            t[2 * i] = h;
            t[2 * i + 1] = l;
        }
        tables[seg] = t;
        limits[seg] = (int) (newCap * MAX_LOAD);
    }

    /** @return the number of keys held */
    public long size() {
        return size;
    }

    /** @return the bytes held by the tables (array payloads and headers), an estimate of the set's heap use */
    public long memoryBytes() {
        long bytes = 16L + 3 * (16L + SEGMENTS * 8L);
        for (long[] t : tables) {
            bytes += 16L + t.length * 8L;
        }
        return bytes;
    }
}
