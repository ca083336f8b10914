package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The connectors on a real embedded Connect cluster (KRaft broker and two distributed workers in
 * this JVM, Kafka 4.3.1) against the simulated tenants: one cluster for the whole class, started
 * once. The simulators serve the testkit's localhost certificate; the connectors run with the
 * default JDK trust, so the test makes the testkit's trust the JVM default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmbeddedConnectCluster connect;
    private SimulatedMdeTenant mde;
    private SimulatedMdeTenant mdeSlow;
    private SimulatedAzureTenant azure;
    private long startedNanos;

    @BeforeAll
    void startClusterAndTenants() {
        startedNanos = System.nanoTime();
        SSLContext.setDefault(TestTls.sslContext());
        mde = SimulatedMdeTenant.builder().seed(7).machines(30).vulnerabilitiesPerMachine(10).machinesPageSize(8)
                .changeShare(0.05).build().start();
        mdeSlow = SimulatedMdeTenant.builder().seed(11).machines(20).vulnerabilitiesPerMachine(8).build().start();
        azure = SimulatedAzureTenant.builder().seed(5).vms(12).assessmentsPerVm(4).subscriptionCount(3).build().start();
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        worker.put("scheduled.rebalance.max.delay.ms", "1000");
        worker.put("task.shutdown.graceful.timeout.ms", "2000");
        connect = new EmbeddedConnectCluster.Builder().name("exposure-connect").numWorkers(2).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        for (String topic : List.of("mde.assets", "mde.findings", "mdc.assets", "mdc.findings", "slow.assets",
                "slow.findings")) {
            connect.kafka().createTopic(topic, 1);
        }
    }

    @AfterAll
    void stopAll() {
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {mde, mdeSlow, azure}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception e) {
                    // best effort
                }
            }
            System.out.printf("ConnectClusterTest: cluster tests took %d s including cluster start%n",
                    Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds());
        }
    }

    @Test
    @Order(1)
    void shouldAnswerTheValidateEndpointWithPerFieldErrorsAndNeverTheSecret() {
        String secret = "Sup3r-Secret-Value-That-Must-Not-Leak";
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", MdeSourceConnector.class.getName());
        cfg.put("name", "bad-mde");
        cfg.put("tenantId", "not-a-guid");
        cfg.put("clientId", "also-not-a-guid");
        cfg.put("clientSecret", secret);
        cfg.put("apiBaseUrl", "http://api.example.com");
        cfg.put("maxRetries", "99");
        cfg.put("output.format", "xml");
        cfg.put("schedule.start", "tomorrow");

        ConfigInfos result = connect.validateConnectorConfig(MdeSourceConnector.class.getSimpleName(), cfg);

        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : result.configs()) {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        assertThat(errors).containsKeys("tenantId", "clientId", "apiBaseUrl", "maxRetries", "output.format",
                "schedule.start", "assets.topic", "findings.topic");
        assertThat(errors.get("tenantId")).singleElement().asString().contains("is not a GUID");
        assertThat(result.errorCount()).isGreaterThanOrEqualTo(8);
        String all = result.toString() + errors;
        assertThat(all).doesNotContain(secret);
        ConfigInfo secretInfo = result.configs().stream()
                .filter(i -> i.configKey() != null && i.configKey().name().equals("clientSecret")).findFirst().orElseThrow();
        assertThat(secretInfo.configKey().type()).isEqualTo("PASSWORD");
        assertThat(String.valueOf(secretInfo.configValue().value())).doesNotContain(secret);
    }

    @Test
    @Order(2)
    void shouldDeliverAFullRunThenADeltaRunOfTheSimulatedMdeTenant() throws Exception {
        String name = "mde-full-delta";
        Map<String, String> cfg = mdeConfig(name, mde, "mde");
        connect.configureConnector(name, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the mde connector runs");

        RunOffset full = awaitCompleteRun(name, "findings", Optional.empty());
        List<ConsumerRecord<byte[], byte[]>> assets = all("mde.assets");
        List<ConsumerRecord<byte[], byte[]>> findings = all("mde.findings");
        assertThat(keys(assets, r -> true)).hasSize(mde.expectedMachines());
        assertThat(assets).hasSize(mde.expectedMachines()).allMatch(r -> header(r, "run").equals(full.run()));
        assertThat(keys(findings, r -> true)).hasSize((int) mde.expectedDistinctFindings());
        assertThat(findings).hasSize((int) mde.expectedDistinctFindings())
                .allMatch(r -> header(r, "run").equals(full.run()) && header(r, "connector").equals("mde-v2")
                        && header(r, "connection").equals(name));
        JsonNode first = JSON.readTree(findings.get(0).value());
        assertThat(first.path("schema").path("name").asText()).isEqualTo(ModelSchemas.FINDING_NAME);
        assertThat(first.path("payload").path("externalFindingId").asText())
                .isEqualTo(new String(findings.get(0).key(), StandardCharsets.UTF_8));
        Checkpoint fullCheckpoint = Checkpoint.decode(full.checkpoint().orElseThrow());
        assertThat(fullCheckpoint.connectorId()).isEqualTo("mde-v2");

        // the next scheduled run: move the schedule's start to just after the full run
        Thread.sleep(1100);
        cfg.put("schedule.start", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        connect.configureConnector(name, cfg);
        RunOffset delta = awaitCompleteRun(name, "findings", Optional.of(full.run()));

        List<ConsumerRecord<byte[], byte[]>> deltaFindings = all("mde.findings").stream()
                .filter(r -> header(r, "run").equals(delta.run())).toList();
        assertThat(deltaFindings).hasSize((int) mde.expectedDeltaRows());
        Map<String, Long> byStatus = deltaFindings.stream().collect(Collectors.groupingBy(
                r -> payload(r).path("findingStatus").asText(), Collectors.counting()));
        assertThat(byStatus).containsEntry("OPEN", mde.expectedDeltaRows(SimulatedMdeTenant.DeltaStatus.NEW))
                .containsEntry("ACTIVE", mde.expectedDeltaRows(SimulatedMdeTenant.DeltaStatus.UPDATED))
                .containsEntry("RESOLVED", mde.expectedDeltaRows(SimulatedMdeTenant.DeltaStatus.FIXED));
        Set<String> fullKeys = keys(findings, r -> true);
        assertThat(keys(deltaFindings, r -> payload(r).path("findingStatus").asText().equals("ACTIVE")))
                .allMatch(fullKeys::contains);   // an update replaces the full run's value in a compacted topic
        assertThat(all("mde.assets").stream().filter(r -> header(r, "run").equals(delta.run())))
                .hasSize(mde.expectedMachines());
        Checkpoint deltaCheckpoint = Checkpoint.decode(delta.checkpoint().orElseThrow());
        assertThat(deltaCheckpoint.createdAt()).isAfter(fullCheckpoint.createdAt());
        connect.deleteConnector(name);
    }

    @Test
    @Order(3)
    void shouldSplitTheMdcSubscriptionsOverTwoTasksAndReadEachOnce() throws Exception {
        String name = "mdc-split";
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", MdcSourceConnector.class.getName());
        cfg.put("tasks.max", "2");
        cfg.put("tenantId", azure.tenantId());
        cfg.put("clientId", azure.clientId());
        cfg.put("clientSecret", azure.clientSecret());
        cfg.put("cloud", "custom");
        cfg.put("authenticationUrl", azure.authenticationUrl());
        cfg.put("resourceManagerUrl", azure.baseUrl().toString());
        cfg.put("resourceManagerScope", azure.tokenScope());
        cfg.put("subscriptions", String.join(",", azure.subscriptions()));
        common(cfg, "mdc");
        connect.configureConnector(name, cfg);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "the mdc connector runs 2 tasks");

        // both tasks' runs complete: their assets partitions carry a run offset
        awaitOffsets(name, offsets -> offsets.stream().filter(o -> "assets".equals(o.partition().get("stream")))
                .filter(o -> RunOffset.from(o.offset()).isPresent()).count() == 2);
        List<ConsumerRecord<byte[], byte[]>> assets = all("mdc.assets");
        List<ConsumerRecord<byte[], byte[]>> findings = all("mdc.findings");
        assertThat(assets).hasSize((int) azure.expectedVms());
        assertThat(keys(assets, r -> true)).hasSize((int) azure.expectedVms());
        assertThat(findings).hasSize((int) azure.expectedAssessments());
        assertThat(keys(findings, r -> true)).hasSize((int) azure.expectedAssessments());
        Map<String, Long> bySubscription = assets.stream().collect(Collectors.groupingBy(
                r -> payload(r).path("cloud").path("accountId").asText(), Collectors.counting()));
        for (String sub : azure.subscriptions()) {
            assertThat(bySubscription.get(sub)).as(sub).isEqualTo(azure.expectedVms(sub));
        }
        Set<String> shares = new HashSet<>();
        connect.connectorOffsets(name).offsets().forEach(o -> shares.add(String.valueOf(o.partition().get("subscriptions"))));
        assertThat(shares).hasSize(2);
        assertThat(String.join(",", shares).split(",")).containsExactlyInAnyOrderElementsOf(azure.subscriptions());
        connect.deleteConnector(name);
    }

    @Test
    @Order(4)
    void shouldDeliverEveryFindingAndCommitACompleteRunAfterTheWorkerRunningTheTaskIsRemovedMidRun()
            throws Exception {
        String name = "mde-failover";
        // the first findings page answers after 30 s: the run is mid-way (assets written) when the worker goes
        mdeSlow.faults().onPage(Endpoint.VULNERABILITIES, 1, Fault.delay(Duration.ofSeconds(30)));
        connect.configureConnector(name, mdeConfig(name, mdeSlow, "slow"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "the connector runs");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mdeSlow.stats().count(Endpoint.VULNERABILITIES) == 0) {
            assertThat(System.nanoTime()).as("the run reaches the findings").isLessThan(deadline);
            Thread.sleep(100);
        }
        String workerId = connect.connectorStatus(name).tasks().get(0).workerId();
        WorkerHandle running = connect.workers().stream()
                .filter(w -> workerId.endsWith(":" + w.url().getPort())).findFirst().orElseThrow();
        connect.removeWorker(running);

        RunOffset complete = awaitCompleteRun(name, "findings", Optional.empty());
        List<ConsumerRecord<byte[], byte[]>> findings = all("slow.findings");
        assertThat(keys(findings, r -> true)).hasSize((int) mdeSlow.expectedDistinctFindings());
        assertThat(findings.stream().filter(r -> header(r, "run").equals(complete.run())))
                .hasSize((int) mdeSlow.expectedDistinctFindings());
        List<ConsumerRecord<byte[], byte[]>> assets = all("slow.assets");
        Set<String> runs = assets.stream().map(r -> header(r, "run")).collect(Collectors.toSet());
        assertThat(runs).as("the interrupted run and the complete one").hasSize(2).contains(complete.run());
        assertThat(Checkpoint.decode(complete.checkpoint().orElseThrow()).connectorId()).isEqualTo("mde-v2");
        // the committed offsets of both streams name the complete run
        assertThat(connect.connectorOffsets(name).offsets()).extracting(o -> (Object) o.offset().get("run"))
                .containsOnly((Object) complete.run());
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, String> mdeConfig(String name, SimulatedMdeTenant t, String prefix) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", MdeSourceConnector.class.getName());
        cfg.put("tasks.max", "1");
        cfg.put("tenantId", t.tenantId());
        cfg.put("clientId", t.clientId());
        cfg.put("clientSecret", t.clientSecret());
        cfg.put("cloud", "custom");
        cfg.put("authenticationUrl", t.authenticationUrl());
        cfg.put("apiBaseUrl", t.baseUrl().toString());
        cfg.put("tokenScope", t.tokenScope());
        cfg.put("maxRetries", "0");
        common(cfg, prefix);
        return cfg;
    }

    private static void common(Map<String, String> cfg, String prefix) {
        cfg.put("assets.topic", prefix + ".assets");
        cfg.put("findings.topic", prefix + ".findings");
        cfg.put("schedule.frequency", "hourly");
        cfg.put("schedule.start", LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS)
                .toString());
        cfg.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        cfg.put("value.converter.schemas.enable", "true");
    }

    private RunOffset awaitCompleteRun(String name, String stream, Optional<String> notRun) throws InterruptedException {
        List<ConnectorOffset> offsets = awaitOffsets(name, list -> list.stream()
                .filter(o -> stream.equals(o.partition().get("stream")))
                .map(o -> RunOffset.from(o.offset())).flatMap(Optional::stream)
                .anyMatch(r -> notRun.map(n -> !n.equals(r.run())).orElse(true)));
        return offsets.stream().filter(o -> stream.equals(o.partition().get("stream")))
                .map(o -> RunOffset.from(o.offset())).flatMap(Optional::stream).findFirst().orElseThrow();
    }

    private List<ConnectorOffset> awaitOffsets(String name, Predicate<List<ConnectorOffset>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();
            if (done.test(offsets)) {
                return offsets;
            }
            if (System.nanoTime() > deadline) {
                Thread.getAllStackTraces().forEach((t, st) -> {
                    if (t.getName().startsWith("exposure-sync")) {
                        System.out.println("THREAD " + t.getName() + "\n  " + java.util.Arrays.stream(st)
                                .map(String::valueOf).collect(Collectors.joining("\n  ")));
                    }
                });
                connect.connectorStatus(name).tasks().forEach(t -> System.out.println("TASK " + t.state() + " "
                        + t.trace()));
            }
            assertThat(System.nanoTime()).as("offsets of %s in time; last: %s", name, offsets).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> all(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        connect.kafka().consumeAll(WAIT.toMillis(), topic).forEach(out::add);
        return out;
    }

    private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> records,
                                    Predicate<ConsumerRecord<byte[], byte[]>> which) {
        return records.stream().filter(which).map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode payload(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value()).path("payload");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
