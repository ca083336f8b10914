package dev.exposure.connector.transform;

/**
 * What a {@link TransformMap} produces.
 *
 * @since 0.1
 */
public enum TargetKind {
    /** The map produces {@link dev.exposure.connector.model.Asset}s. */
    ASSET,
    /** The map produces {@link dev.exposure.connector.model.Finding}s. */
    FINDING
}
