package dev.exposure.connector.cli;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Secret;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.sim.SimTls;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import dev.exposure.connector.transform.ErrorPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: both connectors against simulated tenants started in this process (connector-sim's
 * HTTPS simulators on 127.0.0.1 with deterministic data), no Azure account needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a simulated Defender for Endpoint tenant and a simulated Azure tenant in this process"
                + " (HTTPS on 127.0.0.1, deterministic data), then for each connector run the connection test, a full"
                + " sync and a delta sync, write the JSON lines to a folder and print the summaries.",
            "No Azure account, no network beyond loopback."})
final class DemoCommand extends CliCommand implements Callable<Integer> {
    static final int DEFAULT_MACHINES = 200;

    @Option(names = "--machines", paramLabel = "N",
            description = "Machines in the MDE tenant and VMs in the Azure tenant (default: " + DEFAULT_MACHINES + ").")
    int machines = DEFAULT_MACHINES;

    @Option(names = "--vulnerabilities", paramLabel = "N",
            description = "Vulnerabilities per MDE machine (default: 20); assessments per VM are a quarter of it.")
    int vulnerabilities = 20;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Where the JSON lines go (default: a new folder demo-output, demo-output-2, ... here).")
    @Nullable Path outDir;

    @Option(names = "--seed", description = "The simulators' seed: the same seed gives the same data (default: 7).")
    long seed = 7;

    @Override
    public Integer call() {
        try (Worker worker = new Worker(env().signals)) {
            try {
                if (machines < 1 || machines > 1_000_000) {
                    throw new dev.exposure.connector.ConfigurationException("--machines", "must be between 1 and 1000000, was "
                            + machines);
                }
                if (vulnerabilities < 1 || vulnerabilities > 1_000) {
                    throw new dev.exposure.connector.ConfigurationException("--vulnerabilities",
                            "must be between 1 and 1000, was " + vulnerabilities);
                }
                Path dir = outDir != null ? outDir.toAbsolutePath() : freshFolder(env().workingDirectory);
                Files.createDirectories(dir);
                return worker.run("demo", () -> demo(dir, worker));
            } catch (Exception e) {
                return fail(e);
            }
        }
    }

    private int demo(Path dir, Worker worker) throws Exception {
        PrintWriter out = out();
        // the simulators' certificate is the only one trusted; each connector builds its own HTTP client over it
        ConnectorContext context = ConnectorContext.builder()
                .with(SSLContext.class, SimTls.sslContext())
                .with(java.time.Clock.class, env().clock)
                .build();
        int assessments = Math.max(1, vulnerabilities / 4);
        out.println(String.format(Locale.ROOT, "Starting simulated tenants: MDE with %,d machines x %d vulnerabilities,"
                + " Azure with %,d VMs x %d assessments (seed %d)", machines, vulnerabilities, machines, assessments, seed));
        out.println("Writing JSON lines to " + dir);
        out.flush();
        boolean allPassed = true;
        try (SimulatedMdeTenant mde = SimulatedMdeTenant.builder().seed(seed).machines(machines)
                .vulnerabilitiesPerMachine(vulnerabilities).duplicateShare(0.01).build().start();
             SimulatedAzureTenant azure = SimulatedAzureTenant.builder().seed(seed).subscriptionCount(2).vms(machines)
                     .assessmentsPerVm(assessments).build().start()) {
            root().addSecret(Secret.of(mde.clientSecret()));
            root().addSecret(Secret.of(azure.clientSecret()));
            // no token scopes: the custom clouds' defaults are the simulators' scopes
            ConnectionConfig mdeConfig = ConnectionConfig.builder()
                    .name("Demo MDE tenant").description("Simulated Defender for Endpoint tenant (connector-sim)")
                    .tenantId(mde.tenantId()).clientId(mde.clientId()).clientSecret(Secret.of(mde.clientSecret()))
                    .authenticationUrl(mde.authenticationUrl()).cloud("custom")
                    .putOptions("cloud", "custom").putOptions("apiBaseUrl", mde.baseUrl().toString())
                    .build();
            ConnectionConfig azureConfig = ConnectionConfig.builder()
                    .name("Demo Azure tenant").description("Simulated Azure tenant for Defender for Cloud (connector-sim)")
                    .tenantId(azure.tenantId()).clientId(azure.clientId()).clientSecret(Secret.of(azure.clientSecret()))
                    .authenticationUrl(azure.authenticationUrl()).cloud("custom")
                    .putOptions("cloud", "custom").putOptions("resourceManagerUrl", azure.baseUrl().toString())
                    .putOptions("subscriptions", String.join(",", azure.subscriptions()))
                    .build();
            allPassed &= runOne("mde-v2", mdeConfig, context, dir, out, worker, String.format(Locale.ROOT,
                    "the simulator holds %,d machines and %,d distinct findings (%,d raw rows)", mde.expectedMachines(),
                    mde.expectedDistinctFindings(), mde.expectedRawFindingRows()));
            allPassed &= runOne("mdc-vm", azureConfig, context, dir, out, worker, String.format(Locale.ROOT,
                    "the simulator holds %,d VMs and %,d assessments", azure.expectedVms(), azure.expectedAssessments()));
        }
        out.println();
        out.println("Files in " + dir + ":");
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> {
                try {
                    out.println(String.format(Locale.ROOT, "  %-28s %,12d bytes", p.getFileName(), Files.size(p)));
                } catch (IOException e) {
                    out.println("  " + p.getFileName());
                }
            });
        }
        out.println();
        out.println("Next: 'describe mde-v2' shows the maps applied; 'sync --help' shows how to sync a real tenant.");
        out.flush();
        return allPassed ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private boolean runOne(String id, ConnectionConfig config, ConnectorContext context, Path dir, PrintWriter out,
                           Worker worker, String expectation) throws IOException {
        ConnectorProvider provider = env().connectors.get().require(id);
        out.println();
        out.println("== " + id + ": " + provider.descriptor().displayName() + " ==");
        out.println("Connection test");
        out.flush();
        try (Connector connector = provider.create(config, context)) {
            ConnectionTestReport report = connector.testConnection(r -> TestCommand.print(out, r, redact()));
            if (TestCommand.verdict(out, report) != ExitCodes.OK) {
                return false;
            }
            SyncRunner runner = new SyncRunner(provider, env().clock, worker::interrupted);
            Path checkpointFile = dir.resolve(id + ".checkpoint");
            SyncRunner.Result full = sync(runner, connector, SyncRequest.full(), dir.resolve(id + "-full.jsonl"),
                    dir.resolve(id + "-full.ocsf.jsonl"), out, "Full sync", checkpointFile);
            out.println("  expected    " + expectation);
            out.flush();
            SyncRequest second;
            String title;
            if (provider.descriptor().deltaSupported()) {
                Optional<Checkpoint> previous = CheckpointFile.read(checkpointFile);
                second = previous.map(SyncRequest::delta).orElseGet(SyncRequest::full);
                title = "Delta sync from the checkpoint " + checkpointFile.getFileName();
            } else {
                second = SyncRequest.full();
                title = "Second sync: " + id + " has no delta support (every run is a full sync), so a full sync again";
            }
            sync(runner, connector, second, dir.resolve(id + (provider.descriptor().deltaSupported() ? "-delta.jsonl"
                    : "-full-2.jsonl")), null, out, title, checkpointFile);
            return full.assets() > 0;
        }
    }

    /** One sync to {@code file}; when {@code ocsfFile} is given, its records as OCSF 1.8.0 events there too. */
    private SyncRunner.Result sync(SyncRunner runner, Connector connector, SyncRequest request, Path file,
                                   @Nullable Path ocsfFile, PrintWriter out, String title, Path checkpointFile)
            throws IOException {
        out.println();
        out.println(title + " -> " + file.getFileName() + (ocsfFile == null ? "" : " and, as OCSF, " + ocsfFile.getFileName()));
        out.flush();
        SyncRunner.Result result;
        try (Progress progress = new Progress(err(), env().stderrIsTerminal, env().progressInterval, redact());
             Writer w = LineOutput.toFile(file);
             Writer ocsf = ocsfFile == null ? null : LineOutput.toFile(ocsfFile)) {
            SyncRequest withListener = SyncRequest.builder().from(request).listener(progress).build();
            result = runner.run(connector, withListener, SyncRunner.Format.ETM, ErrorPolicy.FAIL, w, ocsf, progress);
        }
        List<String> extra = new ArrayList<>();
        extra.add("output      " + file);
        if (ocsfFile != null) {
            extra.add("ocsf output " + ocsfFile);
            result.ocsf().ifPresent(c -> extra.add(SyncCommand.ocsfLine(c)));
        }
        if (result.checkpoint().isPresent()) {
            CheckpointFile.write(checkpointFile, result.checkpoint().get());
            extra.add("checkpoint  " + checkpointFile.getFileName() + " (next delta from " + result.checkpoint().get().position() + ")");
        }
        Summary.print(out, result, extra, redact());
        return result;
    }

    static Path freshFolder(Path cwd) throws IOException {
        for (int i = 1; i < 1000; i++) {
            Path p = cwd.resolve(i == 1 ? "demo-output" : "demo-output-" + i);
            if (!Files.exists(p)) {
                return p;
            }
            try (Stream<Path> s = Files.list(p)) {
                if (Files.isDirectory(p) && s.findAny().isEmpty()) {
                    return p;
                }
            }
        }
        throw new IOException("no free demo-output folder in " + cwd + "; pass --out DIR");
    }
}
