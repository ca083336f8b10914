package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.stubToken;

import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up of the tests against a mocked MDE API: one HTTPS WireMock server per test class
 * (stubs and journal reset before each test), the token endpoint stubbed and fresh virtual time
 * for each test.
 */
abstract class MockedMdeApiTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    /** Virtual time of the current test: sleeps return at once and are recorded. */
    final VirtualWaits timing = new VirtualWaits();

    @BeforeEach
    void stubTokenEndpoint() {
        stubToken(wm);
    }
}
