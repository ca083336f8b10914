package dev.exposure.connector.transform;

import org.jspecify.annotations.Nullable;

/**
 * A streaming 128-bit hash of text: MurmurHash3 x64/128 over the UTF-16LE code units fed to it,
 * written here so that no key string needs to be built (the dedup hot path hashes vendor values in
 * place, lower-casing as it goes). Components are separated, so {@code ("ab","c")} and
 * {@code ("a","bc")} differ, and a null component differs from an empty one.
 *
 * <p>Not thread-safe: one per consumer; {@link #reset()} before each key.
 *
 * @since 0.1
 */
public final class Hash128 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432fe62d5fL;
    private static final char SEPARATOR = '\u001f';
    private static final char NULL = '\u001e';
    /** Bits of {@link #high()} taken from the group prefix after {@link #markGroup()}. */
    static final int GROUP_BITS = 6;
    private static final long GROUP_MASK = -1L << (64 - GROUP_BITS);

    private long h1;
    private long h2;
    private long k1;
    private long k2;
    private int pos;
    private long length;
    private long r1;
    private long r2;
    private long group;
    private boolean grouped;

    /** Creates a hasher, ready for a first key. */
    public Hash128() {
        reset();
    }

    /**
     * Starts a new key.
     *
     * @return this hasher
     */
    public Hash128 reset() {
        h1 = 0x9368e53c2f6af274L;
        h2 = 0x586dcd208f7cd3fdL;
        k1 = 0;
        k2 = 0;
        pos = 0;
        length = 0;
        grouped = false;
        return this;
    }

    /** Takes over another hasher's state, as if this one had been fed what it was fed. */
    void copyFrom(Hash128 other) {
        h1 = other.h1;
        h2 = other.h2;
        k1 = other.k1;
        k2 = other.k2;
        pos = other.pos;
        length = other.length;
        group = other.group;
        grouped = other.grouped;
    }

    /**
     * Ends the key's group prefix: keys whose components up to here are equal get the same top
     * {@value #GROUP_BITS} bits in {@link #high()}, which is how {@link DedupSet} picks its segment. Keys
     * of one asset (its id first) then share a handful of segments, and a stream of records grouped
     * by asset, as vendor exports are, touches memory that is already mapped. The key keeps 122 bits
     * of hash beyond the group. Call at most once per key; without it all 128 bits are the hash.
     *
     * @return this hasher
     */
    public Hash128 markGroup() {
        group = fmix(h1 ^ Long.rotateLeft(h2, 17) ^ k1 * C1 ^ k2 * C2 ^ length);
        grouped = true;
        return this;
    }

    /**
     * Adds one component, lower-cased character by character ({@link Character#toLowerCase(char)}).
     *
     * @param text the component; null is distinct from empty
     * @return this hasher
     */
    public Hash128 putLower(@Nullable CharSequence text) {
        if (text == null) {
            return putNull();
        }
        // locals instead of fields, four characters per step: this is the dedup hot path
        long a = k1;
        long b = k2;
        int p = pos;
        int n = text.length();
        int i = 0;
        while (i < n && (p & 3) != 0) {
            long c = lower(text.charAt(i++));
            if (p < 4) {
                a |= c << (p << 4);
            } else {
                b |= c << ((p - 4) << 4);
            }
            if (++p == 8) {
                mix(a, b);
                a = 0;
                b = 0;
                p = 0;
            }
        }
        while (i + 4 <= n) {
            long w = lower(text.charAt(i)) | (long) lower(text.charAt(i + 1)) << 16
                    | (long) lower(text.charAt(i + 2)) << 32 | (long) lower(text.charAt(i + 3)) << 48;
            i += 4;
            if (p == 0) {
                a = w;
                p = 4;
            } else {
                mix(a, w);
                a = 0;
                b = 0;
                p = 0;
            }
        }
        while (i < n) {
            long c = lower(text.charAt(i++));
            if (p < 4) {
                a |= c << (p << 4);
            } else {
                b |= c << ((p - 4) << 4);
            }
            if (++p == 8) {
                mix(a, b);
                a = 0;
                b = 0;
                p = 0;
            }
        }
        k1 = a;
        k2 = b;
        pos = p;
        length += 2L * n;
        putChar(SEPARATOR);
        return this;
    }

    /**
     * Adds one component as it is.
     *
     * @param text the component; null is distinct from empty
     * @return this hasher
     */
    public Hash128 put(@Nullable CharSequence text) {
        if (text == null) {
            return putNull();
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            putChar(text.charAt(i));
        }
        putChar(SEPARATOR);
        return this;
    }

    /**
     * Adds a null component.
     *
     * @return this hasher
     */
    public Hash128 putNull() {
        putChar(NULL);
        putChar(SEPARATOR);
        return this;
    }

    private static char lower(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        return c < 128 ? c : Character.toLowerCase(c);
    }

    private void putChar(char c) {
        if (pos < 4) {
            k1 |= (long) c << (pos << 4);
        } else {
            k2 |= (long) c << ((pos - 4) << 4);
        }
        length += 2;
        if (++pos == 8) {
            mix(k1, k2);
            k1 = 0;
            k2 = 0;
            pos = 0;
        }
    }

    private void mix(long a, long b) {
        a *= C1;
        a = Long.rotateLeft(a, 31);
        a *= C2;
        h1 ^= a;
        h1 = Long.rotateLeft(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        b *= C2;
        b = Long.rotateLeft(b, 33);
        b *= C1;
        h2 ^= b;
        h2 = Long.rotateLeft(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    /**
     * Ends the key; read it with {@link #high()} and {@link #low()}.
     *
     * @return this hasher
     */
    public Hash128 finish() {
        long a = h1;
        long b = h2;
        if (pos > 4) {
            long t = k2 * C2;
            t = Long.rotateLeft(t, 33);
            t *= C1;
            b ^= t;
        }
        if (pos > 0) {
            long t = k1 * C1;
            t = Long.rotateLeft(t, 31);
            t *= C2;
            a ^= t;
        }
        a ^= length;
        b ^= length;
        a += b;
        b += a;
        a = fmix(a);
        b = fmix(b);
        a += b;
        b += a;
        r1 = grouped ? (group & GROUP_MASK) | (a & ~GROUP_MASK) : a;
        r2 = b;
        return this;
    }

    /** @return the first 64 bits of the finished key */
    public long high() {
        return r1;
    }

    /** @return the second 64 bits of the finished key */
    public long low() {
        return r2;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
