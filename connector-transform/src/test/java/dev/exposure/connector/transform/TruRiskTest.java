package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import dev.exposure.connector.transform.TruRisk.Band;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Figures from Qualys' published "TruRisk Formula Use Cases" (ETM documentation, TruRisk 1.0 formula):
 * asset 1 (internet-facing, ACS 5; 2/10/40/30 critical/high/medium/low detections averaging QDS
 * 95/84/65/31) scores 1000; asset 2 (internal, ACS 4; 3/0/50/20 averaging 95/-/65/30) scores 518.
 */
class TruRiskTest {
    private final TruRisk truRisk = TruRisk.defaults();

    @Test
    void shouldReproduceThePublishedInternalAssetExample() {
        TruRisk.Accumulator a = truRisk.accumulator()
                .add(Band.CRITICAL, 3, 95).add(Band.MEDIUM, 50, 65).add(Band.LOW, 20, 30);
        assertThat(truRisk.rawScore(4, false, a)).isCloseTo(517.08, within(0.01));
        assertThat(truRisk.score(4, false, a)).isEqualTo(518);
    }

    @Test
    void shouldCapThePublishedInternetFacingExampleAtOneThousand() {
        TruRisk.Accumulator a = truRisk.accumulator().add(Band.CRITICAL, 2, 95).add(Band.HIGH, 10, 84)
                .add(Band.MEDIUM, 40, 65).add(Band.LOW, 30, 31);
        assertThat(truRisk.rawScore(5, true, a)).isCloseTo(1083.76, within(0.01));
        assertThat(truRisk.score(5, true, a)).isEqualTo(1000);
    }

    @Test
    void shouldScoreFindingsByTheirQdsBandsIgnoringFixedOnes() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            findings.add(finding("c" + i, 95, FindingStatus.OPEN));
        }
        for (int i = 0; i < 50; i++) {
            findings.add(finding("m" + i, i % 2 == 0 ? 60 : 69, FindingStatus.ACTIVE)); // medium average 64.5
        }
        for (int i = 0; i < 20; i++) {
            findings.add(finding("l" + i, 30, FindingStatus.UNKNOWN));
        }
        findings.add(finding("fixed", 100, FindingStatus.RESOLVED));
        findings.add(finding("closed", 100, FindingStatus.CLOSED));
        findings.add(finding("zero", 0, FindingStatus.OPEN));
        double expected = 4 * (95 * Math.pow(3, 0.01) + 0.4 * 64.5 * Math.pow(50, 0.01) + 0.2 * 30 * Math.pow(20, 0.01));
        assertThat(truRisk.score(4, false, findings)).isEqualTo((int) Math.ceil(expected)).isEqualTo(517);
    }

    @Test
    void shouldScoreZeroWithoutOpenFindingsAndHonourConfiguredWeights() {
        assertThat(truRisk.score(5, true, List.of())).isZero();
        assertThat(truRisk.score(5, true, List.of(finding("x", 95, FindingStatus.RESOLVED)))).isZero();
        TruRisk flat = TruRisk.builder().weights(1, 1, 1, 1).externalFactor(2).internalFactor(1).cap(50).build();
        TruRisk.Accumulator a = flat.accumulator().add(10);
        assertThat(flat.rawScore(1, false, a)).isEqualTo(10.0);
        assertThat(flat.score(2, true, a)).isEqualTo(40);
        assertThat(flat.score(5, true, a)).isEqualTo(50);
    }

    @Test
    void shouldSetTheRiskScoreOnAnAssetUsingItsCriticality() {
        Asset asset = Asset.builder().externalAssetId("a").source("MS Defender").criticality(4).build();
        List<Finding> f = List.of(finding("c", 95, FindingStatus.OPEN));
        assertThat(truRisk.scored(asset, false, f).riskScore()).contains(truRisk.score(4, false, f));
        Asset noAcs = Asset.builder().externalAssetId("a").source("MS Defender").build();
        assertThat(truRisk.scored(noAcs, false, f).riskScore()).contains(truRisk.score(3, false, f));
    }

    @Test
    void shouldRefuseOutOfRangeInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> truRisk.score(0, false, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> truRisk.accumulator().add(101));
        assertThatIllegalArgumentException().isThrownBy(() -> TruRisk.builder().weights(-1, 0, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> TruRisk.builder().defaultCriticality(6));
        assertThat(Band.of(0)).isNull();
        assertThat(Band.of(1)).isEqualTo(Band.LOW);
        assertThat(Band.of(39)).isEqualTo(Band.LOW);
        assertThat(Band.of(40)).isEqualTo(Band.MEDIUM);
        assertThat(Band.of(89)).isEqualTo(Band.HIGH);
        assertThat(Band.of(90)).isEqualTo(Band.CRITICAL);
    }

    private static Finding finding(String id, int qds, FindingStatus status) {
        return Finding.builder().externalFindingId(id).externalAssetId("a").findingType(FindingType.VULNERABILITY)
                .severity(3).qds(qds).qdsSource(QdsSource.SEVERITY_MAPPING).findingStatus(status)
                .vendorProductName("Defender").build();
    }
}
