package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.mdc.MdcConnectorProvider;
import dev.exposure.connector.mdc.MdcOptions;
import dev.exposure.connector.mde.MdeConfig;
import dev.exposure.connector.mde.MdeConnectorProvider;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad external input (configuration, filter, transform map, severity mapping,
 * checkpoint) is refused with a {@link ConfigurationException} whose message names the field and
 * the fix, before any request reaches either simulated tenant, and nothing is left half-done (no
 * connector, no stream, no checkpoint).
 */
class BadInputTest {
    static final String OTHER_GUID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    @RegisterExtension
    static final SimulatedMdeTenantExtension MDE = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(3).machines(3).vulnerabilitiesPerMachine(2)).build();

    @RegisterExtension
    static final SimulatedAzureTenantExtension MDC = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(3).vms(2).assessmentsPerVm(2)).build();

    static Checkpoint mdeCheckpoint;

    /** An action on bad input that must throw before any request. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * One class of bad input.
     *
     * @param name what is wrong
     * @param field the field the message must name
     * @param fix a fragment of the fix the message must give
     * @param action what a host does with the input
     */
    record Bad(String name, String field, String fix, Action action) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void aValidCheckpoint() {
        try (Connector c = mde(MDE.config());
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            s.forEachRemaining(r -> { });
            mdeCheckpoint = s.checkpoint().orElseThrow();
        }
    }

    static Stream<Bad> badInputs() {
        return Stream.of(
                // ---------------------------------------------------------------- configuration
                mdeConfig("missing name", "name", "unique display name", b -> b.name("  ")),
                mdcConfig("missing name (mdc)", "name", "unique display name", b -> b.name("")),
                mdeConfig("blank tenant id", "tenantId", "Directory (tenant) ID", b -> b.tenantId(" ")),
                mdeConfig("non-GUID tenant id", "tenantId", "Directory (tenant) ID", b -> b.tenantId("contoso.onmicrosoft.com")),
                mdcConfig("non-GUID client id (mdc)", "clientId", "Application (client) ID", b -> b.clientId("my-app")),
                mdeConfig("blank client secret", "clientSecret", "Certificates & secrets", b -> b.clientSecret(dev.exposure.connector.Secret.of("  "))),
                mdcConfig("description over 200 characters (mdc)", "description", "at most 200", b -> b.description("d".repeat(201))),
                mdeConfig("description over 200 characters", "description", "at most 200", b -> b.description("d".repeat(201))),
                mdeConfig("http:// API endpoint off loopback", "apiBaseUrl", "loopback", b -> b.putOptions(MdeConfig.API_BASE_URL, "http://api.example.com/")),
                mdcConfig("http:// Resource Manager endpoint off loopback (mdc)", "resourceManagerUrl", "loopback", b -> b.putOptions(MdcOptions.RESOURCE_MANAGER_URL, "http://management.example.com/")),
                mdeConfig("GCC High API host with the commercial login host", "apiBaseUrl", "gcc-high", b -> b.cloud("commercial").putOptions(MdeConfig.CLOUD, "commercial")
                        .authenticationUrl("https://login.microsoftonline.com/").putOptions(MdeConfig.API_BASE_URL, "https://api-gov.securitycenter.microsoft.us")
                        .putOptions(MdeConfig.TOKEN_SCOPE, "https://api.securitycenter.microsoft.com/.default")),
                mdcConfig("China cloud with the public login host (mdc)", "authenticationUrl", "azure-china", b -> b.cloud("azure-china").putOptions(MdcOptions.CLOUD, "azure-china")
                        .authenticationUrl("https://login.microsoftonline.com/").options(java.util.Map.of(MdcOptions.CLOUD, "azure-china",
                                MdcOptions.SUBSCRIPTIONS, OTHER_GUID))),
                mdeConfig("unknown cloud", "cloud", "azure-public", b -> b.cloud("moon").putOptions(MdeConfig.CLOUD, "moon")),
                mdcConfig("unknown cloud (mdc)", "cloud", "azure-public", b -> b.cloud("moon").putOptions(MdcOptions.CLOUD, "moon")),
                mdcConfig("subscriptions list with a non-GUID (mdc)", "subscriptions", "GUID", b -> b.putOptions(MdcOptions.SUBSCRIPTIONS, OTHER_GUID + ",prod-sub")),
                mdcConfig("empty subscriptions list (mdc)", "subscriptions", "subscription", b -> b.putOptions(MdcOptions.SUBSCRIPTIONS, " , ")),
                mdeConfig("unknown option", "pageSzie", "known", b -> b.putOptions("pageSzie", "10")),
                mdeConfig("retry count out of range", "maxRetries", "0", b -> b.putOptions(MdeConfig.MAX_RETRIES, "99")),
                // ---------------------------------------------------------------- filters
                mdeFilter("filter on an unknown field", "filter", "filterable", "passwordLastSet eq 'x'"),
                mdeFilter("filter with an unsupported operator", "filter", "eq", "riskScore like 'High'"),
                mdeFilter("filter smuggling a query parameter with &", "filter", "&", "healthStatus eq 'Active'&$top=1"),
                mdeFilter("filter smuggling $top=", "filter", "only fields", "healthStatus eq 'Active' $top=1"),
                new Bad("page size over the export maximum", "pageSize", "200000", () -> {
                    try (Connector c = mde(MDE.config());
                         RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.builder().pageSize(500_000).build())) {
                        s.hasNext();
                    }
                }),
                new Bad("filter on mdc-vm, which supports none (mdc)", "filter", "remove the filter",
                        () -> mdcFetch(SyncRequest.builder().filter("name eq 'x'").build())),
                new Bad("delta on mdc-vm, which supports none (mdc)", "mode", "FULL",
                        () -> mdcFetch(SyncRequest.delta(mdeCheckpoint))),
                new Bad("page size over the Resource Graph maximum (mdc)", "pageSize", "1 to 1000",
                        () -> mdcFetch(SyncRequest.builder().pageSize(5000).build())),
                // ---------------------------------------------------------------- transform maps
                map("transform map with an unknown target", "findingSeverty", "known", "\"target\": \"findingSeverty\", \"source\": \"x\""),
                map("transform map with an unknown converter", "cveid", "known converters", "\"target\": \"cveIds\", \"source\": \"cveId\", \"converter\": \"cveid\""),
                map("transform map with a malformed source path", "diskPaths[", "malformed", "\"target\": \"attributes.paths\", \"source\": \"diskPaths[\", \"converter\": \"join\""),
                map("transform map copying a secret-looking attribute", "attributes.clientSecret", "secret", "\"target\": \"attributes.clientSecret\", \"source\": \"x\""),
                // ---------------------------------------------------------------- severity mappings
                severity("severity mapping with four rows", "rows", "5", rows(5, 4, 3, 2) ),
                severity("severity level out of range", "level", "1", rowsWith("{ \"sourceValues\": [\"Critical\"], \"level\": 7, \"qds\": 95 }")),
                severity("QDS out of range", "qds", "100", rowsWith("{ \"sourceValues\": [\"Critical\"], \"level\": 5, \"qds\": 140 }")),
                severity("duplicate source value", "sourceValues", "one row only", rowsWith("{ \"sourceValues\": [\"Critical\", \"High\"], \"level\": 5, \"qds\": 95 }")),
                // ---------------------------------------------------------------- checkpoints
                new Bad("tampered checkpoint", "checkpoint", "full sync", () -> mdeDelta(Checkpoint.decode(tamper(mdeCheckpoint.encode())))),
                new Bad("truncated checkpoint", "checkpoint", "full sync", () -> {
                    String text = mdeCheckpoint.encode();
                    mdeDelta(Checkpoint.decode(text.substring(0, text.length() / 2)));
                }),
                new Bad("checkpoint of another connector", "checkpoint", "mdc-vm",
                        () -> mdeDelta(Checkpoint.builder().from(mdeCheckpoint).connectorId("mdc-vm").build())),
                new Bad("checkpoint of another tenant", "checkpoint", "tenant",
                        () -> mdeDelta(Checkpoint.builder().from(mdeCheckpoint)
                                .scope(mdeCheckpoint.scope().replace(MDE.tenant().tenantId(), OTHER_GUID)).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void shouldRefuseBadInputNamingTheFieldAndTheFixBeforeAnyRequest(Bad bad) {
        int logMark = CapturedLogs.mark();

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> bad.action().run());

        assertThat(e).as("refused with a ConfigurationException").isNotNull();
        List<ConfigError> errors = e.errors();
        String lower = e.getMessage().toLowerCase(Locale.ROOT);
        assertThat(errors).as("the errors").isNotEmpty();
        assertThat(lower).as("the message names the field").contains(bad.field().toLowerCase(Locale.ROOT));
        assertThat(lower).as("the message gives the fix").contains(bad.fix().toLowerCase(Locale.ROOT));
        assertThat(MDE.tenant().stats().total()).as("requests to the MDE tenant (token included)").isZero();
        assertThat(MDC.tenant().stats().total()).as("requests to the Azure tenant (token included)").isZero();
        new SecretScan().add(e).addAll(CapturedLogs.since(logMark)).assertNoLeak(MDE.tenant().clientSecret(), MDC.tenant().clientSecret());
    }

    @Test
    void shouldSendAFilterValueContainingAmpersandAsOneEncodedParameter() {
        try (Connector c = mde(MDE.config());
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.builder().filter("computerDnsName eq 'x&$top=1'").build())) {
            assertThat(s.hasNext()).as("no machine is called that").isFalse();
        }
        assertThat(MDE.tenant().stats().requests())
                .filteredOn(r -> r.uri().contains("/api/machines"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.uri()).doesNotContain("&$top=1").doesNotContain("&%24top=1"));
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnce() {
        ConnectionConfig bad = ConnectionConfig.builder().from(MDE.config()).name("").tenantId("x").clientId("y")
                .description("d".repeat(300)).build();
        List<ConfigError> errors = new MdeConnectorProvider().validate(bad, ConnectorContext.empty());
        assertThat(errors).extracting(ConfigError::field).contains("name", "tenantId", "clientId", "description");
    }

    // ------------------------------------------------------------------ builders of bad input

    static Bad mdeConfig(String name, String field, String fix, UnaryOperator<ConnectionConfig.Builder> change) {
        return new Bad(name, field, fix, () -> {
            ConnectionConfig config = change.apply(ConnectionConfig.builder().from(MDE.config())).build();
            assertThat(new MdeConnectorProvider().validate(config, ConnectorContext.empty()))
                    .as("validate() reports it too").extracting(ConfigError::field).anyMatch(f -> f.equalsIgnoreCase(field));
            mde(config).close();
        });
    }

    static Bad mdcConfig(String name, String field, String fix, UnaryOperator<ConnectionConfig.Builder> change) {
        return new Bad(name, field, fix, () -> {
            ConnectionConfig config = change.apply(ConnectionConfig.builder().from(MDC.config())).build();
            ConnectorProvider p = new MdcConnectorProvider();
            assertThat(p.validate(config, ConnectorContext.empty()))
                    .as("validate() reports it too").extracting(ConfigError::field).anyMatch(f -> f.equalsIgnoreCase(field));
            p.create(config, MDC.context()).close();
        });
    }

    static Bad mdeFilter(String name, String field, String fix, String filter) {
        return new Bad(name, field, fix, () -> {
            try (Connector c = mde(MDE.config());
                 RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.builder().filter(filter).build())) {
                s.hasNext();
            }
        });
    }

    static void mdcFetch(SyncRequest request) {
        try (Connector c = new MdcConnectorProvider().create(MDC.config(), MDC.context());
             RecordStream<SourceRecord> s = c.fetchFindings(request)) {
            s.hasNext();
        }
    }

    static void mdeDelta(Checkpoint checkpoint) {
        try (Connector c = mde(MDE.config());
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.delta(checkpoint))) {
            s.hasNext();
        }
    }

    static Connector mde(ConnectionConfig config) {
        return new MdeConnectorProvider().create(config, NoWaits.context()
                .with(SSLContext.class, TestTls.sslContext()).build());
    }

    static Bad map(String name, String field, String fix, String badRule) {
        return new Bad(name, field, fix, () -> TransformMap.fromJson(resource("bad-input/finding-map-template.json")
                .replace("\"__BAD_RULE__\": true", badRule)));
    }

    static Bad severity(String name, String field, String fix, String json) {
        return new Bad(name, field, fix, () -> RiskSeverityMapping.fromJson(json));
    }

    static String rows(int... levels) {
        StringBuilder b = new StringBuilder("{ \"defaultSeverity\": 3, \"rows\": [");
        for (int i = 0; i < levels.length; i++) {
            b.append(i == 0 ? "" : ", ").append("{ \"sourceValues\": [\"v").append(i).append("\"], \"level\": ")
                    .append(levels[i]).append(", \"qds\": ").append(levels[i] * 15).append(" }");
        }
        return b.append("] }").toString();
    }

    /** The shipped MDE mapping with its first row replaced. */
    static String rowsWith(String firstRow) {
        return "{ \"defaultSeverity\": 3, \"rows\": [ " + firstRow + ","
                + " { \"sourceValues\": [\"High\"], \"level\": 4, \"qds\": 80 },"
                + " { \"sourceValues\": [\"Medium\"], \"level\": 3, \"qds\": 55 },"
                + " { \"sourceValues\": [\"Low\"], \"level\": 2, \"qds\": 25 },"
                + " { \"sourceValues\": [\"Informational\", \"None\"], \"level\": 1, \"qds\": 10 } ] }";
    }

    static String tamper(String encoded) {
        int at = encoded.length() / 3;
        char c = encoded.charAt(at);
        return encoded.substring(0, at) + (c == 'A' ? 'B' : 'A') + encoded.substring(at + 1);
    }

    static String resource(String name) {
        try (InputStream in = BadInputTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
