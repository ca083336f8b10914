package host;

import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.testkit.ConnectorContractTest;
import dev.exposure.connector.testkit.FakeConnectorProvider;
import dev.exposure.connector.testkit.TestConnections;

/** The testkit's contract suite on Boot's JUnit and AssertJ. */
class FakeProviderContractTest extends ConnectorContractTest {
    @Override
    protected ConnectorProvider provider() {
        return new FakeConnectorProvider();
    }

    @Override
    protected Connector connector() {
        return provider().create(TestConnections.config().build(), ConnectorContext.empty());
    }
}
