package dev.exposure.connector.sim;

/** Deterministic hashing (SplitMix64 finalizer): every generated value is a pure function of (seed, index, salt). */
final class Mix {
    private Mix() { }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long h(long seed, long index, long salt) {
        return mix(seed * 0x9E3779B97F4A7C15L + mix(index + salt * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
    }

    /** @return a value in [0, n) */
    static int pick(long h, int n) {
        return (int) Long.remainderUnsigned(h >>> 7, n);
    }

    /** @return a value in [0, 1_000_000) */
    static int ppm(long h) {
        return (int) Long.remainderUnsigned(h >>> 11, 1_000_000);
    }

    static int toPpm(double share, String what) {
        if (!(share >= 0.0 && share <= 1.0)) {
            throw new IllegalArgumentException(what + " must be a share between 0.0 and 1.0, was " + share);
        }
        return (int) Math.round(share * 1_000_000);
    }

    static String guid(long seed, long index, long salt) {
        long a = h(seed, index, salt);
        long b = h(seed, index, salt + 1);
        String hex = String.format("%016x%016x", a, b);
        // version 4, variant 10xx
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-"
                + "89ab".charAt((int) (b >>> 62)) + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }
}
