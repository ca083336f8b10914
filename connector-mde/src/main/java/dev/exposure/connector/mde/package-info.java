/**
 * The Microsoft Defender for Endpoint V2 connector (provider id {@code mde-v2}). Public surface:
 * {@link dev.exposure.connector.mde.MdeConnectorProvider} (found by {@code ServiceLoader}) and the
 * typed configuration helper {@link dev.exposure.connector.mde.MdeConfig}; everything else is
 * package-private and carries no compatibility promise.
 */
@NullMarked
package dev.exposure.connector.mde;

import org.jspecify.annotations.NullMarked;
