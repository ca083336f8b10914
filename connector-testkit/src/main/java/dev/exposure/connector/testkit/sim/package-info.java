/**
 * Simulated Defender tenants: in-process HTTPS servers on loopback that speak the wire formats of
 * the Microsoft Entra ID token endpoint, the Defender for Endpoint API
 * ({@link dev.exposure.connector.testkit.sim.SimulatedMdeTenant}) and Azure Resource Graph for
 * Defender for Cloud ({@link dev.exposure.connector.testkit.sim.SimulatedAzureTenant}), with data
 * generated deterministically from a seed and sizes (never materialized), exact expected counts,
 * scripted fault injection ({@link dev.exposure.connector.testkit.sim.Fault},
 * {@link dev.exposure.connector.testkit.sim.FaultPlan}), request counters
 * ({@link dev.exposure.connector.testkit.sim.RequestStats}) and JUnit 5 extensions that hand out a
 * ready connector configuration. See {@code SIMULATORS.md} in the module.
 */
@NullMarked
package dev.exposure.connector.testkit.sim;

import org.jspecify.annotations.NullMarked;
