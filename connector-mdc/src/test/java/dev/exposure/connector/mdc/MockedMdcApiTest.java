package dev.exposure.connector.mdc;

import dev.exposure.connector.testkit.HttpsWireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up of the tests against a mocked Azure tenant: one HTTPS WireMock server per test class
 * (stubs and journal reset before each test) and a fresh {@link MdcMock} over it for each test.
 */
abstract class MockedMdcApiTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    /** Stubs token, subscriptions and Resource Graph pages on {@link #wm}. */
    MdcMock mock;

    @BeforeEach
    void createMock() {
        mock = new MdcMock(wm);
    }
}
