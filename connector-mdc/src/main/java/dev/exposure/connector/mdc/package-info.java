/**
 * The Microsoft Defender for Cloud (VM Assets) connector, provider id {@code mdc-vm}: virtual
 * machines, their network interfaces and public IPs, and their Defender for Cloud security
 * assessments, read through Azure Resource Graph. Only {@link dev.exposure.connector.mdc.MdcConnectorProvider}
 * and {@link dev.exposure.connector.mdc.MdcOptions} are public.
 */
@NullMarked
package dev.exposure.connector.mdc;

import org.jspecify.annotations.NullMarked;
