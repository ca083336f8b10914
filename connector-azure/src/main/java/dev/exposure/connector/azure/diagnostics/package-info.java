/**
 * Failures and connection probes shared by the Microsoft connectors: {@link
 * dev.exposure.connector.azure.diagnostics.AzureFailures} maps HTTP answers, azure-identity, MSAL
 * and I/O failures to the SDK's typed exceptions; {@link
 * dev.exposure.connector.azure.diagnostics.ConnectionProbes} runs the five connection checks,
 * through the proxy azure-core's {@code Configuration} names. A vendor module supplies only its
 * words ({@link dev.exposure.connector.azure.diagnostics.AzureGuidance}) and the URLs of its
 * authorization check.
 */
@NullMarked
package dev.exposure.connector.azure.diagnostics;

import org.jspecify.annotations.NullMarked;
