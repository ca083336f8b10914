package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MdcFindingsTest extends MockedMdcApiTest {
    private static final String JIT = "3b20e985-f71f-483b-b078-f30d73936d43";

    @BeforeEach
    void setUp() {
        mock.standard();
    }

    private List<SourceRecord> fetch(RecordStream<SourceRecord> stream) {
        List<SourceRecord> out = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }

    private Map<String, SourceRecord> byName() {
        return fetch(mock.connector().fetchFindings(SyncRequest.full())).stream()
                .collect(Collectors.toMap(r -> (String) r.attribute("assessments_name"), Function.identity()));
    }

    @Test
    void shouldFlattenAnAssessmentWithItsVmUnderTheTransformTableKeys() {
        SourceRecord jit = byName().get(JIT);

        assertThat(jit.kind()).isEqualTo(SourceRecord.Kind.FINDING);
        assertThat(jit.type()).isEqualTo("assessment");
        assertThat(jit.sourceId()).isEqualTo("/subscriptions/54505ff6-e254-4e01-a964-d0ce78bf87a9/resourcegroups/rg-prod"
                + "/providers/microsoft.compute/virtualmachines/web-01/providers/microsoft.security/assessments/" + JIT);
        assertThat(jit.attributes())
                .containsEntry("vmId", "6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61")
                .containsEntry("name", "web-01")
                .containsEntry("imageReference_offer", "0001-com-ubuntu-server-jammy")
                .containsEntry("assessments_id", "/subscriptions/54505ff6-e254-4e01-a964-d0ce78bf87a9/resourceGroups"
                        + "/RG-PROD/providers/Microsoft.Compute/virtualMachines/web-01/providers/Microsoft.Security"
                        + "/assessments/" + JIT)
                .containsEntry("assessments_type", "microsoft.security/assessments")
                .containsEntry("assessments_displayName", "Management ports of virtual machines should be protected"
                        + " with just-in-time network access control")
                .containsEntry("assessments_severity", "High")
                .containsEntry("assessments_status_code", "Unhealthy")
                .containsEntry("assessments_status_cause", "ManagementPortsAreOpenToAllSources")
                .containsEntry("assessments_status_description", "Port 22 is open to the internet")
                .containsEntry("assessments_firstEvaluationDate", "2026-10-01T07:29:51.8002401Z")
                .containsEntry("assessments_statusChangeDate", "2026-11-20T03:10:00.1234567Z")
                .containsEntry("assessments_metadata_displayName", "Management ports should be protected with JIT")
                .containsEntry("assessments_metadata_description", "Possible network Just In Time access will be monitored")
                .containsEntry("assessments_remediationDescription", "Enable JIT on the VM")
                .containsEntry("assessments_recommendationCategory", "Networking")
                .containsEntry("assessments_userImpact", "Low")
                .containsEntry("assessments_assessmentType", "BuiltIn")
                .containsEntry("assessments_policyDefinitionId",
                        "/providers/Microsoft.Authorization/policyDefinitions/b0f33259-77d7-4c9e-aac6-3aabcfae693c")
                .containsEntry("assessments_links_azurePortal", "https://portal.azure.com/#blade/Microsoft_Azure_Security"
                        + "/RecommendationsBlade/assessmentKey/" + JIT)
                .containsEntry("ResourceType", "virtualMachines")
                .containsEntry("ResourceProvider", "Microsoft.Compute")
                .containsEntry("Source", "Azure");
    }

    @Test
    void shouldReadResourceDetailsCaseInsensitivelyAndJoinDriftingIds() {
        Map<String, SourceRecord> findings = byName();
        SourceRecord healthy = findings.get("d57a4221-a804-52ca-3dea-768284f06bb7");
        assertThat(healthy.attributes()).containsEntry("vmId", "6f1a9c2e-0b7d-4e55-9a43-1c2d3e4f5a61")
                .containsEntry("Source", "Azure")
                .containsEntry("assessments_status_code", "Healthy")
                .doesNotContainKey("assessments_status_cause")
                .containsEntry("assessments_links_azurePortal", "https://portal.azure.com/#blade/Microsoft_Azure_Security"
                        + "/RecommendationsBlade/assessmentKey/d57a4221-a804-52ca-3dea-768284f06bb7");
        SourceRecord noMetadata = findings.get("c0b7cfc6-3172-465a-b378-53c7ff2cc0d5");
        assertThat(noMetadata.attributes()).containsEntry("vmId", "9d8c7b6a-5f4e-4d3c-8b2a-190817263544")
                .containsEntry("ResourceType", "virtualMachines")
                .doesNotContainKeys("assessments_severity", "assessments_links_azurePortal", "Source");
    }

    @Test
    void shouldKeepNotApplicableAndSeverityLessAssessments() {
        SourceRecord notApplicable = byName().get("4ab6e3c5-74dd-8b35-9ab9-f61b30875b27");
        assertThat(notApplicable.attributes())
                .containsEntry("assessments_status_code", "NotApplicable")
                .containsEntry("assessments_status_cause", "OffByPolicy")
                .containsEntry("assessments_status_description", "The recommendation is disabled by policy")
                .containsEntry("name", "sql-02")
                .doesNotContainKey("assessments_severity");
    }

    @Test
    void shouldSkipAssessmentsOfVmsMissingFromTheVmIndexAndSayHowMany() {
        RecordStream<SourceRecord> stream = mock.connector().fetchFindings(SyncRequest.full());
        List<SourceRecord> findings = fetch(stream);

        assertThat(findings).hasSize(5).noneMatch(f -> f.sourceId().contains("ghost-99"));
        assertThat(stream.stats().notices()).singleElement().asString().startsWith("1 assessments were skipped");
        assertThat(stream.stats().requests()).isEqualTo(4);
    }

    @Test
    void shouldCallNoEndpointForFindingsWhenOnlyAssetsAreRequested() {
        List<SourceRecord> findings = fetch(mock.connector().fetchFindings(
                SyncRequest.builder().data(SyncRequest.Data.ASSETS).build()));
        assertThat(findings).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
