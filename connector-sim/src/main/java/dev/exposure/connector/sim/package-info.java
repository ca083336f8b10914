/**
 * Simulated Defender tenants: in-process HTTPS servers on loopback that speak the wire formats of
 * the Microsoft Entra ID token endpoint, the Defender for Endpoint API
 * ({@link dev.exposure.connector.sim.SimulatedMdeTenant}) and Azure Resource Graph for Defender for
 * Cloud ({@link dev.exposure.connector.sim.SimulatedAzureTenant}), with data generated
 * deterministically from a seed and sizes (never materialized), exact expected counts, scripted
 * fault injection ({@link dev.exposure.connector.sim.Fault}, {@link dev.exposure.connector.sim.FaultPlan}),
 * request counters ({@link dev.exposure.connector.sim.RequestStats}) and the certificate they serve
 * ({@link dev.exposure.connector.sim.SimTls}).
 *
 * <p>Only the JDK (its {@code com.sun.net.httpserver} HTTPS server) runs them: no test framework,
 * no WireMock, so demos, benchmarks and any test framework can start one. The JUnit 5 extensions
 * that start a tenant per test class are in {@code connector-testkit}
 * ({@code dev.exposure.connector.testkit.sim}). See {@code README.md} in the module.
 */
@NullMarked
package dev.exposure.connector.sim;

import org.jspecify.annotations.NullMarked;
