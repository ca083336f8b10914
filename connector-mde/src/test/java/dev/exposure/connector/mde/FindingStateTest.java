package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-key state of the findings stream: the delta window's ranks, the machine index, their memory. */
class FindingStateTest {
    static final String T1 = "2026-11-21 12:00:00";
    static final String T2 = "2026-11-21 18:00:00.0000000";

    @Test
    void shouldRankAnEventTimeBeyondTheYear9999AsUnreadableInsteadOfOverflowing() {
        long unreadable = DeltaWindow.rank("New", null);
        assertThat(DeltaWindow.rank("New", "+100000-01-01T00:00:00Z")).isEqualTo(unreadable);
        assertThat(DeltaWindow.rank("Fixed", "2026-01-01T00:00:00Z")).isGreaterThan(DeltaWindow.rank("New", "+100000-01-01T00:00:00Z"));
    }

    @Test
    void shouldLetANewRowWinOverAFixedRowAtTheSameEventTimeInEitherOrder() {
        DeltaWindow fixedFirst = new DeltaWindow();
        assertThat(fixedFirst.admit("k", "Fixed", T1)).isTrue();
        assertThat(fixedFirst.admit("k", "New", T1)).isTrue();

        DeltaWindow newFirst = new DeltaWindow();
        assertThat(newFirst.admit("k", "New", T1)).isTrue();
        assertThat(newFirst.admit("k", "Fixed", T1)).as("would undo the New").isFalse();
    }

    @Test
    void shouldLetAFixedStrictlyLaterThanTheNewWinInEitherOrder() {
        DeltaWindow inOrder = new DeltaWindow();
        assertThat(inOrder.admit("k", "New", T1)).isTrue();
        assertThat(inOrder.admit("k", "Fixed", T2)).isTrue();

        DeltaWindow reversed = new DeltaWindow();
        assertThat(reversed.admit("k", "fixed", T2)).isTrue();
        assertThat(reversed.admit("k", "NEW", T1)).as("an older New would reopen it").isFalse();
    }

    @Test
    void shouldHoldBackARepeatedRowAndKeepFindingsApart() {
        DeltaWindow w = new DeltaWindow();
        assertThat(w.admit("a", "New", T1)).isTrue();
        assertThat(w.admit("a", "New", "2026-11-21T12:00:00Z")).as("the same event time in another form").isFalse();
        assertThat(w.admit("b", "Fixed", T1)).isTrue();
        assertThat(w.admit("A", "Fixed", T1)).as("finding ids compare case-insensitively, like the dedup identity")
                .isFalse();
        assertThat(w.findings()).isEqualTo(2);
    }

    @Test
    void shouldRankAnUnreadableEventTimeBelowEveryReadableOneAndUpdatedBetweenFixedAndNew() {
        assertThat(DeltaWindow.rank("New", "yesterday")).isLessThan(DeltaWindow.rank("Fixed", T1));
        assertThat(DeltaWindow.rank("New", null)).isLessThan(DeltaWindow.rank("Fixed", "1970-01-01 00:00:00"));
        assertThat(DeltaWindow.rank("Fixed", T1)).isLessThan(DeltaWindow.rank("Updated", T1));
        assertThat(DeltaWindow.rank("Updated", T1)).isLessThan(DeltaWindow.rank("New", T1));
        assertThat(DeltaWindow.rank("Gone", T1)).isLessThan(DeltaWindow.rank("Fixed", T1));
    }

    @Test
    void shouldKeepTheDeltaWindowWithinSixtyFourBytesPerFinding() {
        DeltaWindow w = new DeltaWindow();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertThat(w.admit("device" + (i % 1000) + "_vendor_product_1.0_CVE-2024-" + i, "New", T1)).isTrue();
        }
        assertThat(w.findings()).isEqualTo(n);
        assertThat(w.memoryBytes() / (double) n).isBetween(24.0, 64.0);
    }

    @Test
    void shouldFollowAMergeChainAndStopAtALoop() {
        MachineIndex index = MachineIndex.create();
        index.add(machine("a", "b"));
        index.add(machine("b", "c"));
        index.add(machine("c", null));
        index.add(machine("x", "y"));
        index.add(machine("y", "x"));
        index.add(machine("self", "SELF"));

        assertThat(index.mergedInto("A")).isEqualTo("c");
        assertThat(index.mergedInto("b")).isEqualTo("c");
        assertThat(index.mergedInto("c")).isNull();
        assertThat(index.mergedInto("x")).isEqualTo("y");
        assertThat(index.mergedInto("self")).as("merged into itself is no merge").isNull();
        assertThat(index.isAsset("C")).isTrue();
        assertThat(index.isAsset("a")).as("a merged machine is no asset").isFalse();
        assertThat(index.assets()).isEqualTo(2);
        assertThat(index.merged()).isEqualTo(4);
        assertThat(MachineIndex.unavailable().isAsset("anything")).isTrue();
    }

    @Test
    void shouldKeepTheMachineIndexWithinSixtyFourBytesPerMachine() {
        MachineIndex index = MachineIndex.create();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            index.add(machine(String.format("%040x", i), null));
        }
        assertThat(index.assets()).isEqualTo(n);
        assertThat(index.isAsset(String.format("%040X", 77))).isTrue();
        assertThat(index.isAsset(String.format("%040x", n))).isFalse();
        assertThat(index.memoryBytes() / (double) n).isBetween(24.0, 64.0);
    }

    private static Map<String, Object> machine(String id, String mergedInto) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("mergedIntoMachineId", mergedInto);
        return m;
    }
}
