/**
 * JUnit 5 extensions over the simulated Defender tenants of {@code connector-sim}
 * ({@link dev.exposure.connector.sim.SimulatedMdeTenant}, {@link dev.exposure.connector.sim.SimulatedAzureTenant}):
 * {@link dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension} and
 * {@link dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension} start a tenant once per
 * test class, reset it before each test and hand out a ready connector configuration and a context
 * whose waits move the tenant's simulated clock. The tenants themselves, their faults and expected
 * counts are described in {@code connector-sim/README.md}.
 */
@NullMarked
package dev.exposure.connector.testkit.sim;

import org.jspecify.annotations.NullMarked;
