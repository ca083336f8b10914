package dev.exposure.connector.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A host asset in the target (ETM) shape, normalized across vendors: lower-case host names,
 * canonical IP and MAC text, UTC instants, de-duplicated tags. Immutable; serializable with Jackson
 * (register the JDK 8 and Java time modules, as connector-transform's mapper does).
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAsset.class)
@JsonDeserialize(as = ImmutableAsset.class)
public abstract class Asset {

    /** @return the vendor's stable id of the asset (MDE machine id, Azure vmId) */
    public abstract String externalAssetId();

    /** @return where the asset came from, e.g. {@code MS Defender}, {@code Defender for Cloud} */
    public abstract String source();

    /** @return the display name, e.g. the computer DNS name or VM name */
    public abstract Optional<String> assetName();

    /** @return the host name, lower-case, without a trailing dot; Unicode kept */
    public abstract Optional<String> hostName();

    /** @return the host name in ASCII (punycode), only when it differs from {@link #hostName()} */
    public abstract Optional<String> hostNameAscii();

    /** @return the operating system name, e.g. {@code Windows11}, {@code UbuntuServer} */
    public abstract Optional<String> operatingSystemName();

    /** @return the operating system version or build */
    public abstract Optional<String> operatingSystemVersion();

    /** @return the primary IP address (canonical text) */
    public abstract Optional<String> ipAddress();

    /** @return every IP address (canonical text, no loopbacks), primary first */
    public abstract List<String> ipAddresses();

    /** @return the public IP addresses (canonical text) */
    public abstract List<String> publicIpAddresses();

    /** @return the primary MAC address (lower-case, colon-separated) */
    public abstract Optional<String> macAddress();

    /** @return every MAC address (lower-case, colon-separated, no all-zero MACs) */
    public abstract List<String> macAddresses();

    /** @return where a cloud-hosted asset lives */
    public abstract Optional<CloudMetadata> cloud();

    /** @return the vendor's tags, trimmed and de-duplicated case-insensitively */
    public abstract List<String> tags();

    /** @return when the vendor first saw the asset */
    public abstract Optional<Instant> firstSeen();

    /** @return when the vendor last saw the asset */
    public abstract Optional<Instant> lastSeen();

    /** @return the agent's health, e.g. {@code Active}, {@code Inactive} */
    public abstract Optional<String> healthStatus();

    /** @return the onboarding status, e.g. {@code Onboarded} */
    public abstract Optional<String> onboardingStatus();

    /** @return the vendor's exposure level, e.g. {@code High} */
    public abstract Optional<String> exposureLevel();

    /** @return the vendor's risk level, e.g. {@code Medium} */
    public abstract Optional<String> riskLevel();

    /** @return the vendor's device value, e.g. {@code Normal} */
    public abstract Optional<String> deviceValue();

    /** @return the power state of a VM, e.g. {@code running} */
    public abstract Optional<String> powerState();

    /** @return the asset criticality score (ACS) 1-5, when derived or set */
    public abstract Optional<Integer> criticality();

    /** @return the risk score computed from its findings (TruRisk formula, 0-1000) */
    public abstract Optional<Integer> riskScore();

    /** @return further vendor attributes a transform map copies without a dedicated field */
    public abstract Map<String, String> attributes();

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        if (externalAssetId().isBlank()) {
            throw new IllegalStateException("asset 'externalAssetId' must not be blank");
        }
        criticality().filter(c -> c < 1 || c > 5).ifPresent(c -> {
            throw new IllegalStateException("asset 'criticality' must be 1-5, was " + c);
        });
        riskScore().filter(c -> c < 0 || c > 1000).ifPresent(c -> {
            throw new IllegalStateException("asset 'riskScore' must be 0-1000, was " + c);
        });
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Asset}. */
    public static final class Builder extends ImmutableAsset.Builder {}
}
