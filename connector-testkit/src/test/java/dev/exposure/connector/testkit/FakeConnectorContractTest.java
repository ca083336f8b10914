package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.TransientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

class FakeConnectorContractTest extends ConnectorContractTest {
    private final List<FakeConnector> created = new CopyOnWriteArrayList<>();

    @Override
    protected ConnectorProvider provider() {
        return new FakeConnectorProvider();
    }

    @Override
    protected Connector connector() {
        return track(new FakeConnectorProvider().create(TestConnections.config().build(), ConnectorContext.empty()));
    }

    @Override
    protected Optional<Connector> failingConnector() {
        return Optional.of(track(FakeConnectorProvider.sampleData()
                .failOnFindingPage(2, new TransientException("simulated outage", "fake findings page 2", null))
                .build()));
    }

    @Override
    protected Optional<Connector> slowConnector() {
        return Optional.of(track(FakeConnectorProvider.sampleData().pageDelay(Duration.ofMinutes(5)).build()));
    }

    @Override
    protected OptionalLong requestsSent() {
        return OptionalLong.of(created.stream().mapToLong(FakeConnector::requestsSent).sum());
    }

    @AfterEach
    void everyStreamTheSuiteOpenedWasClosed() {
        assertThat(created).allSatisfy(c -> assertThat(c.openStreams()).as("open streams of %s", c).isZero());
    }

    private FakeConnector track(FakeConnector connector) {
        created.add(connector);
        return connector;
    }
}
