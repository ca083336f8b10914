package dev.exposure.connector.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a cloud-hosted asset lives.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCloudMetadata.class)
@JsonDeserialize(as = ImmutableCloudMetadata.class)
public abstract class CloudMetadata {

    /** @return the cloud provider, e.g. {@code Azure}, {@code AWS}, {@code GCP} */
    public abstract Optional<String> provider();

    /** @return the account or subscription id */
    public abstract Optional<String> accountId();

    /** @return the Azure resource group */
    public abstract Optional<String> resourceGroup();

    /** @return the region or location, e.g. {@code westeurope} */
    public abstract Optional<String> region();

    /** @return the provider's resource id (ARM id, ARN), lower-cased for ARM */
    public abstract Optional<String> resourceId();

    /** @return the provider's instance id (Azure vmId, EC2 instance id) */
    public abstract Optional<String> instanceId();

    /** @return the resource type, e.g. {@code microsoft.compute/virtualmachines} */
    public abstract Optional<String> resourceType();

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CloudMetadata}. */
    public static final class Builder extends ImmutableCloudMetadata.Builder {}
}
