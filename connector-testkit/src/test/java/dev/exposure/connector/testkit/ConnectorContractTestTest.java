package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.model.FindingType;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Proves that the contract suite fails for a connector that breaks each rule. */
class ConnectorContractTestTest {

    @Test
    void shouldFailEveryContractTestForAConnectorThatBreaksEveryRule() {
        List<String> contractTests = Arrays.stream(ConnectorContractTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName).toList();

        TestExecutionSummary summary = JUnitRunner.run(BrokenConnectorContract.class);

        assertThat(contractTests).hasSize(14);
        assertThat(summary.getFailures())
                .extracting(f -> f.getTestIdentifier().getDisplayName().replace("()", ""))
                .containsExactlyInAnyOrderElementsOf(contractTests);
        assertThat(summary.getTestsSucceededCount()).isZero();
    }

    @Test
    void shouldSkipTheOptionalTestsWhenTheirHooksAreAbsent() {
        TestExecutionSummary summary = JUnitRunner.run(FakeWithoutOptionalHooks.class);

        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(summary.getTestsSkippedCount()).as("tests skipped for want of a hook").isEqualTo(3);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(11);
    }

    @Test
    void shouldGiveTheReasonOfEverySkippedContractTestInTheReport() {
        assertThat(JUnitRunner.skipped(FakeWithoutOptionalHooks.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "shouldSendNoRequestBeforeTheFirstHasNext()", "no requestsSent() given: override it to run this test",
                "shouldGiveNoCheckpointAfterAFailureAndStayFailed()", "no failingConnector() given: override it to run this test",
                "shouldStopAConsumerInterruptedWhileWaitingForAPage()", "no slowConnector() given: override it to run this test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"clientSecret", "password", "apiToken", "accessToken", "api_key", "apiKey", "privateKey",
            "client-credential", "proxyPassword", "secretValue"})
    void shouldTreatTheseFieldNamesAsSecrets(String name) {
        assertThat(ConnectorContractTest.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "clientId", "tokenScope", "tokenUrl", "clientSecretId", "authenticationUrl",
            "keyVaultName", "secretExpiry", "subscriptions", "cloud", "credentialType"})
    void shouldNotTreatTheseFieldNamesAsSecrets(String name) {
        assertThat(ConnectorContractTest.looksSecret(name)).isFalse();
    }

    /** Run only through {@link JUnitRunner}. */
    @ExtendWith(OnlyThroughJUnitRunner.class)
    static class FakeWithoutOptionalHooks extends ConnectorContractTest {
        @Override
        protected ConnectorProvider provider() {
            return new FakeConnectorProvider();
        }

        @Override
        protected Connector connector() {
            return FakeConnectorProvider.sampleData().build();
        }
    }

    /** Run only through {@link JUnitRunner}. */
    @ExtendWith(OnlyThroughJUnitRunner.class)
    static class BrokenConnectorContract extends ConnectorContractTest {
        private final AtomicLong requests = new AtomicLong();

        @Override
        protected ConnectorProvider provider() {
            return new BrokenProvider();
        }

        @Override
        protected Connector connector() {
            return new BrokenConnector(requests, false);
        }

        @Override
        protected Optional<Connector> failingConnector() {
            return Optional.of(new BrokenConnector(requests, true));
        }

        @Override
        protected Optional<Connector> slowConnector() {
            return Optional.of(new BrokenConnector(requests, false));   // never blocks
        }

        @Override
        protected OptionalLong requestsSent() {
            return OptionalLong.of(requests.get());
        }
    }

    static final ConnectorDescriptor BROKEN = ConnectorDescriptor.builder().id("broken").displayName("Broken")
            .vendor("Nobody").product("Broken").category("Testing").version("1").assetSource("Broken")
            .findingVendorProductName("Broken").addAssetTypes("Host").addFindingTypes(FindingType.VULNERABILITY)
            .deltaSupported(true).filterSupported(false).samplingSupported(false)
            .addConfigFields(ConfigField.builder().name("apiToken").label("API token").type(ConfigField.Type.STRING)
                    .required(true).description("").build())
            .build();

    /** Not registered anywhere, with a descriptor that breaks the completeness rules. */
    static final class BrokenProvider implements ConnectorProvider {
        @Override
        public ConnectorDescriptor descriptor() {
            return BROKEN;
        }

        @Override
        public List<ConfigError> validate(ConnectionConfig config, ConnectorContext context) {
            return List.of();
        }

        @Override
        public Connector create(ConnectionConfig config, ConnectorContext context) {
            return new BrokenConnector(new AtomicLong(), false);
        }
    }

    /** Eager, never closes, ignores interrupts, hands out checkpoints early, recovers from failures. */
    static final class BrokenConnector implements Connector {
        private final AtomicLong requests;
        private final boolean failing;

        BrokenConnector(AtomicLong requests, boolean failing) {
            this.requests = requests;
            this.failing = failing;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return BROKEN;
        }

        @Override
        public ConnectionTestReport testConnection(Consumer<ConnectionTestReport.CheckResult> onCheck) {
            return FakeConnector.failingReport(ConnectionTestReport.Check.TLS_HANDSHAKE, "broken", "fix it");
        }

        @Override
        public RecordStream<SourceRecord> fetchAssets(SyncRequest request) {
            requests.incrementAndGet();
            return new NaiveStream(TestRecords.assets(1, 3), false);
        }

        @Override
        public RecordStream<SourceRecord> fetchFindings(SyncRequest request) {
            if (request.mode() == SyncRequest.Mode.DELTA) {
                throw new ConfigurationException("checkpoint", "refused");
            }
            requests.incrementAndGet();
            return new NaiveStream(TestRecords.assets(1, 3), failing);   // assets posing as findings
        }
    }

    static final class NaiveStream implements RecordStream<SourceRecord> {
        private final List<SourceRecord> records;
        private final boolean failOnce;
        private int index;
        private boolean failed;

        NaiveStream(List<SourceRecord> records, boolean failOnce) {
            this.records = records;
            this.failOnce = failOnce;
        }

        @Override
        public boolean hasNext() {
            if (failOnce && index == 1 && !failed) {
                failed = true;
                throw new TransientException("once", null, null);
            }
            return index < records.size();
        }

        @Override
        public SourceRecord next() {
            return records.get(index++);
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return Optional.of(Checkpoint.builder().connectorId("broken").scope("s").position("p")
                    .createdAt(Instant.EPOCH).build());
        }

        @Override
        public SyncStats stats() {
            return SyncStats.empty();
        }

        @Override
        public void close() {
        }
    }
}
