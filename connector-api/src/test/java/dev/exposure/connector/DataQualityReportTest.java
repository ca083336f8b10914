package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityReportTest {

    @Test
    void shouldCountRepairedAndDroppedValuesPerStreamAndFieldKeepingThreeDistinctExamples() {
        SyncCounters c = new SyncCounters();
        for (String v : List.of("a", "b", "a", "c", "d")) {
            c.fieldIssue(FieldIssue.dropped("s", "lastSeen", v, "not a timestamp", null));
        }
        c.fieldIssue(FieldIssue.repaired("s", "ip", "10.0.0.4/24", "CIDR suffix removed", "vm1"));
        c.fieldIssue(FieldIssue.repaired("other", "ip", "10.0.0.5/24", "CIDR suffix removed", "vm2"));

        DataQualityReport r = c.snapshot().dataQuality();

        assertThat(r.dropped()).isEqualTo(5);
        assertThat(r.repaired()).isEqualTo(2);
        assertThat(r.field("s", "lastSeen").examples()).containsExactly("a", "b", "c");
        assertThat(r.field("s", "lastSeen").reasons()).containsExactly("not a timestamp");
        assertThat(r.field("s", "ip").repaired()).isEqualTo(1);
        assertThat(r.field("other", "ip").repaired()).isEqualTo(1);
        assertThat(r.field("s", "nothing").dropped()).isZero();
        assertThat(r.fields()).extracting(DataQualityReport.Field::field).containsExactly("lastSeen", "ip", "ip");
    }

    @Test
    void shouldAddUpTheSameFieldWhenTwoReportsAreMerged() {
        SyncCounters a = new SyncCounters();
        a.fieldIssue(FieldIssue.dropped("s", "f", "x", "bad", null));
        SyncCounters b = new SyncCounters();
        b.fieldIssue(FieldIssue.dropped("s", "f", "y", "worse", null));
        b.fieldIssue(FieldIssue.repaired("t", "g", "z", "fixed", null));

        DataQualityReport merged = a.snapshot().dataQuality().merge(b.snapshot().dataQuality());

        assertThat(merged.field("s", "f").dropped()).isEqualTo(2);
        assertThat(merged.field("s", "f").examples()).containsExactly("x", "y");
        assertThat(merged.field("s", "f").reasons()).containsExactly("bad", "worse");
        assertThat(merged.repaired()).isEqualTo(1);
        assertThat(DataQualityReport.empty().merge(merged)).isEqualTo(merged);
    }

    @Test
    void shouldBoundTheFieldsKeptSoThatAServerCannotGrowTheReportWithoutEnd() {
        SyncCounters c = new SyncCounters();
        for (int i = 0; i < 10_000; i++) {
            c.fieldIssue(FieldIssue.dropped("s", "field" + i, "v", "bad", null));
        }
        DataQualityReport r = c.snapshot().dataQuality();
        assertThat(r.fields()).hasSize(DataQualityReport.Accumulator.MAX_FIELDS + 1);
        assertThat(r.field("s", "(other fields)").dropped()).isEqualTo(10_000 - DataQualityReport.Accumulator.MAX_FIELDS);
        assertThat(r.dropped()).isEqualTo(10_000);
    }

    @Test
    void shouldStripControlCharactersAndCutLongExamples() {
        FieldIssue i = FieldIssue.dropped("s", "f", "\u001b[2J\u001b]0;title\u0007ok" + "x".repeat(1000), "bad",
                "id\nwith newline");
        assertThat(i.example()).doesNotContain("\u001b").doesNotContain("\u0007").startsWith("?[2J?]0;title?ok")
                .endsWith("more chars)").hasSizeLessThan(FieldIssue.MAX_TEXT + 30);
        assertThat(i.recordId()).isEqualTo("id?with newline");
        assertThat(FieldIssue.safeText(null)).isEqualTo("null");
    }

    @Test
    void shouldCountIssuesAndTellTheListenerWhenNotStrict() {
        SyncCounters c = new SyncCounters();
        List<FieldIssue> heard = new ArrayList<>();
        FieldIssues issues = new FieldIssues("mde-v2 assets", c, new SyncListener() {
            @Override
            public void onFieldIssue(FieldIssue issue) {
                heard.add(issue);
            }
        }, false);
        issues.dropped("lastSeen", "garbage", "not a timestamp", "m1");
        issues.repaired("ipAddresses[]", "10.0.0.1", "string entry read as an address", "m1");
        assertThat(heard).extracting(FieldIssue::action)
                .containsExactly(FieldIssue.Action.DROPPED, FieldIssue.Action.REPAIRED);
        assertThat(c.snapshot().dataQuality().field("mde-v2 assets", "lastSeen").dropped()).isEqualTo(1);
    }

    @Test
    void shouldFailWithADataExceptionNamingRecordFieldAndValueInStrictModeButStillCountRepairs() {
        SyncCounters c = new SyncCounters();
        FieldIssues strict = new FieldIssues("mde-v2 assets", c, SyncListener.NONE, true);
        strict.repaired("ip", "10.0.0.1/8", "CIDR suffix removed", "m1");
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> strict.dropped("lastSeen", "garbage", "is not a timestamp", "m1"))
                .withMessageContaining("lastSeen").withMessageContaining("garbage")
                .satisfies(e -> assertThat(e.source()).contains("m1"));
        assertThat(c.snapshot().dataQuality().repaired()).isEqualTo(1);
        assertThat(c.snapshot().dataQuality().dropped()).isZero();
    }

    @Test
    void shouldKeepCountingWhenAListenerThrows() {
        SyncCounters c = new SyncCounters();
        FieldIssues issues = new FieldIssues("s", c, new SyncListener() {
            @Override
            public void onFieldIssue(FieldIssue issue) {
                throw new IllegalStateException("faulty listener");
            }
        }, false);
        issues.dropped("f", "v", "bad", null);
        assertThat(c.snapshot().dataQuality().dropped()).isEqualTo(1);
    }
}
