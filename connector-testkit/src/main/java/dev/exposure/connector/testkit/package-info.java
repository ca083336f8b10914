/**
 * Test support for users and implementers of connectors: {@link dev.exposure.connector.testkit.FakeConnector},
 * the {@link dev.exposure.connector.testkit.ConnectorContractTest}, fixture builders, and HTTPS
 * mock helpers ({@link dev.exposure.connector.testkit.TestTls}) so that vendor tests run the real
 * azure-identity credential flow against a loopback WireMock.
 */
@NullMarked
package dev.exposure.connector.testkit;

import org.jspecify.annotations.NullMarked;
