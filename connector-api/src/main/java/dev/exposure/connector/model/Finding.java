package dev.exposure.connector.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One security finding on one asset in the target (ETM) shape: a vulnerability or a
 * misconfiguration, with a severity level 1-5 (the vendor's raw value kept), a detection score
 * (QDS) 0-100 and where that score came from ({@link QdsSource}). Immutable; serializable with
 * Jackson.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFinding.class)
@JsonDeserialize(as = ImmutableFinding.class)
public abstract class Finding {

    /** @return the stable id of the finding (the dedup key within its source) */
    public abstract String externalFindingId();

    /** @return the id of the asset it is on ({@link Asset#externalAssetId()}) */
    public abstract String externalAssetId();

    /** @return vulnerability or misconfiguration */
    public abstract FindingType findingType();

    /** @return a short name, e.g. the CVE id or the assessment name */
    public abstract Optional<String> findingName();

    /** @return a description */
    public abstract Optional<String> findingDescription();

    /** @return a sub-type, e.g. the assessment type */
    public abstract Optional<String> findingSubType();

    /** @return the CVE ids, upper-case; empty for non-CVE findings */
    public abstract List<String> cveIds();

    /** @return the severity level 1 (lowest) to 5 (highest) */
    public abstract int severity();

    /** @return the vendor's severity value as it came, e.g. {@code Critical} */
    public abstract Optional<String> vendorSeverity();

    /** @return the detection score 0-100 */
    public abstract int qds();

    /** @return where {@link #qds()} came from */
    public abstract QdsSource qdsSource();

    /** @return the vendor's CVSS score (0-10), when sent */
    public abstract Optional<Double> cvssScore();

    /** @return the lifecycle status */
    public abstract FindingStatus findingStatus();

    /** @return the vendor's status value as it came, e.g. {@code Unhealthy}, {@code Fixed} */
    public abstract Optional<String> vendorStatus();

    /** @return when the finding was first found */
    public abstract Optional<Instant> firstFoundOn();

    /** @return when the finding was last found */
    public abstract Optional<Instant> lastFoundOn();

    /** @return when the vendor last changed the finding */
    public abstract Optional<Instant> updatedOn();

    /** @return the vendor's recommendation (category or text) */
    public abstract Optional<String> recommendation();

    /** @return how to remediate, e.g. the remediation description */
    public abstract Optional<String> remediationStrategy();

    /** @return the security update (KB) that fixes it */
    public abstract Optional<String> fixingKbId();

    /** @return the vendor's exploitability level, e.g. {@code ExploitIsPublic} */
    public abstract Optional<String> exploitability();

    /** @return the user impact */
    public abstract Optional<String> impact();

    /** @return the affected software's vendor (or for policies, the resource type) */
    public abstract Optional<String> productVendor();

    /** @return the affected software's name (or for policies, the resource provider) */
    public abstract Optional<String> productName();

    /** @return the affected software's version */
    public abstract Optional<String> productVersion();

    /** @return the vendor product that reported it, e.g. {@code Defender} */
    public abstract String vendorProductName();

    /** @return the policy's id */
    public abstract Optional<String> policyId();

    /** @return the policy's title */
    public abstract Optional<String> policyTitle();

    /** @return the policy's description */
    public abstract Optional<String> policyDescription();

    /** @return the policy's type, e.g. {@code BuiltIn} */
    public abstract Optional<String> policyType();

    /** @return the link to the finding in the vendor's portal, always with a scheme */
    public abstract Optional<String> policyFindingUrl();

    /** @return who created it, e.g. the managing service */
    public abstract Optional<String> createdBy();

    /** @return who last updated it */
    public abstract Optional<String> updatedBy();

    /** @return further vendor attributes a transform map copies without a dedicated field */
    public abstract Map<String, String> attributes();

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        if (externalFindingId().isBlank()) {
            throw new IllegalStateException("finding 'externalFindingId' must not be blank");
        }
        if (externalAssetId().isBlank()) {
            throw new IllegalStateException("finding 'externalAssetId' must not be blank");
        }
        if (severity() < 1 || severity() > 5) {
            throw new IllegalStateException("finding 'severity' must be 1-5, was " + severity());
        }
        if (qds() < 0 || qds() > 100) {
            throw new IllegalStateException("finding 'qds' must be 0-100, was " + qds());
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Finding}. */
    public static final class Builder extends ImmutableFinding.Builder {}
}
