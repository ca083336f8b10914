/**
 * The connector model ({@link dev.exposure.connector.model.Asset}, {@link
 * dev.exposure.connector.model.Finding}) as OCSF 1.8.0 events, written with Jackson streaming by
 * {@link dev.exposure.connector.ocsf.OcsfWriter}: Device Inventory Info (5001), Vulnerability
 * Finding (2002) and Compliance Finding (2003). No network, no clock reads.
 */
@NullMarked
package dev.exposure.connector.ocsf;

import org.jspecify.annotations.NullMarked;
