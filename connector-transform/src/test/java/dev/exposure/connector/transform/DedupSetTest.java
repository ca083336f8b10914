package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DedupSetTest {

    @Test
    void shouldTellNewKeysFromRepeatedOnes() {
        DedupSet set = new DedupSet();
        assertThat(set.add(1, 2)).isTrue();
        assertThat(set.add(1, 2)).isFalse();
        assertThat(set.add(2, 1)).isTrue();
        assertThat(set.add(0, 0)).as("the empty marker is still a storable key").isTrue();
        assertThat(set.add(0, 0)).isFalse();
        assertThat(set.contains(1, 2)).isTrue();
        assertThat(set.contains(3, 3)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void shouldGrowFarPastItsInitialCapacityWithoutLosingKeys() {
        DedupSet set = new DedupSet(0);
        long before = set.memoryBytes();
        Random rnd = new Random(42);
        long[] keys = new long[400_000];
        for (int i = 0; i < keys.length; i += 2) {
            keys[i] = rnd.nextLong();
            keys[i + 1] = rnd.nextLong();
            assertThat(set.add(keys[i], keys[i + 1])).isTrue();
        }
        assertThat(set.size()).isEqualTo(200_000);
        assertThat(set.memoryBytes()).isGreaterThan(before * 10);
        for (int i = 0; i < keys.length; i += 2) {
            assertThat(set.add(keys[i], keys[i + 1])).isFalse();
        }
        assertThat(set.contains(keys[0] + 1, keys[1])).isFalse();
        assertThat(set.size()).isEqualTo(200_000);
    }

    @Test
    void shouldKeepTwoMillionKeysWellUnderSixtyFourMegabytes() {
        DedupSet set = new DedupSet();
        Hash128 h = new Hash128();
        int added = 0;
        for (int i = 0; i < 2_000_000; i++) {
            h.reset().putLower("4a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c").putLower("CVE-2024-" + i).finish();
            added += set.add(h.high(), h.low()) ? 1 : 0;
        }
        assertThat(added).isEqualTo(2_000_000);
        double perKey = set.memoryBytes() / 2_000_000.0;
        assertThat(perKey).isBetween(16.0, 24.5);
        assertThat(set.memoryBytes()).isLessThan(50L * 1024 * 1024);
    }

    @Test
    void shouldHashCaseVariantsAlikeAndDistinctComponentsApart() {
        Hash128 a = new Hash128();
        Hash128 b = new Hash128();
        a.putLower("D1").putLower("CVE-2024-0001").finish();
        b.putLower("d1").putLower("cve-2024-0001").finish();
        assertThat(a.high()).isEqualTo(b.high());
        assertThat(a.low()).isEqualTo(b.low());
        a.reset().putLower("ab").putLower("c").finish();
        b.reset().putLower("a").putLower("bc").finish();
        assertThat(a.high()).isNotEqualTo(b.high());
        a.reset().putNull().finish();
        b.reset().putLower("").finish();
        assertThat(a.low()).isNotEqualTo(b.low());
        a.reset().put("ÄBC").finish();
        b.reset().putLower("äbc").finish();
        assertThat(a.high()).isNotEqualTo(b.high());
        a.reset().putLower("ÄBC").finish();
        assertThat(a.high()).isEqualTo(b.high());
    }

    @Test
    void shouldNotCollideOnAMillionSimilarKeys() {
        Hash128 h = new Hash128();
        Set<Long> highs = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            h.reset().putLower("device-" + (i % 1000)).putLower("CVE-2024-" + (i / 1000)).finish();
            highs.add(h.high());
        }
        assertThat(highs).hasSize(1_000_000);
    }

    @Test
    void shouldGiveKeysOfOneGroupTheSameSegmentBitsAndKeepThemDistinct() {
        Hash128 h = new Hash128();
        long mask = -1L << (64 - Hash128.GROUP_BITS);
        Set<Long> groupBits = new HashSet<>();
        Set<Long> highs = new HashSet<>();
        for (int cve = 0; cve < 1000; cve++) {
            h.reset().putLower("Device-7").markGroup().putLower("CVE-2024-" + cve).finish();
            groupBits.add(h.high() & mask);
            highs.add(h.high());
        }
        assertThat(groupBits).as("one group, one block of segments").hasSize(1);
        assertThat(highs).as("still distinct keys").hasSize(1000);
        h.reset().putLower("device-7").markGroup().putLower("cve-2024-5").finish();
        long high = h.high();
        long low = h.low();
        h.reset().putLower("DEVICE-7").markGroup().putLower("CVE-2024-5").finish();
        assertThat(h.high()).isEqualTo(high);
        assertThat(h.low()).isEqualTo(low);
        h.reset().putLower("device-7").putLower("cve-2024-5").finish();
        assertThat(h.low()).as("the group changes only the top bits of high").isEqualTo(low);
        Set<Long> spread = new HashSet<>();
        for (int d = 0; d < 10_000; d++) {
            spread.add(h.reset().putLower("device-" + d).markGroup().putLower("CVE-2024-1").finish().high() & mask);
        }
        assertThat(spread).as("groups spread over every block").hasSize(1 << Hash128.GROUP_BITS);
    }

    @Test
    void shouldKeepBothKeysWhenAnotherTakesTheSlotALookupFoundFree() {
        DedupSet set = new DedupSet();
        long high = 0x1234_5678_9abc_def0L;
        long low = 0x0fed_cba9_8765_4321L;
        assertThat(set.contains(high, low)).isFalse();
        assertThat(set.add(high + 1, low)).as("same segment, same home slot").isTrue();
        assertThat(set.add(high, low)).isTrue();
        assertThat(set.add(high, low)).isFalse();
        assertThat(set.contains(high, low)).isTrue();
        assertThat(set.contains(high + 1, low)).isTrue();
        assertThat(set.size()).isEqualTo(2);
        for (long k = 0; k < 100_000; k++) {
            long h = k * 0x9E37_79B9_7F4A_7C15L;
            assertThat(set.contains(h, ~h)).isFalse();
            assertThat(set.add(h, ~h)).as("through every growth step").isTrue();
        }
        assertThat(set.size()).isEqualTo(100_002);
    }
}
