/**
 * The vendor-neutral target model: {@link dev.exposure.connector.model.Asset} and
 * {@link dev.exposure.connector.model.Finding}, immutable and serializable with Jackson.
 */
@ConnectorStyle
@NullMarked
package dev.exposure.connector.model;

import dev.exposure.connector.internal.ConnectorStyle;
import org.jspecify.annotations.NullMarked;
