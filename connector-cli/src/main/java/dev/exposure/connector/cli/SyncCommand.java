package dev.exposure.connector.cli;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.transform.ErrorPolicy;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sync --config FILE ...}: one sync run to JSON lines. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one sync through the transform module (the connector's default maps and severity mapping)"
                + " and write JSON lines, one record per line with \"recordType\": \"asset\" or \"finding\".",
            "Progress goes to stderr; the summary to stdout, or to stderr when the records go to stdout.",
            "The checkpoint file is read before the run and replaced atomically only after a complete run."})
final class SyncCommand extends CliCommand implements Callable<Integer> {
    /** {@code --data} values. */
    enum DataOption {
        assets(SyncRequest.Data.ASSETS), assets_and_findings(SyncRequest.Data.ASSETS_AND_FINDINGS);

        final SyncRequest.Data data;

        DataOption(SyncRequest.Data data) {
            this.data = data;
        }

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The connection config file (JSON).")
    Path config = Path.of("");

    @Option(names = "--data", paramLabel = "assets|assets-and-findings", converter = DataConverter.class,
            description = "What to sync (default: assets-and-findings).")
    DataOption data = DataOption.assets_and_findings;

    @Option(names = "--mode", paramLabel = "full|delta",
            description = "full (default) or delta: changes since the checkpoint; without one, a full sync.")
    SyncRequest.Mode mode = SyncRequest.Mode.FULL;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where the checkpoint is kept: read for --mode delta, replaced after a complete run.")
    @Nullable Path checkpoint;

    @Option(names = "--filter", paramLabel = "EXPR", description = "A vendor filter (MDE: OData, e.g. \"osPlatform eq 'Windows10'\").")
    @Nullable String filter;

    @Option(names = "--sample", description = "Only the first " + SyncRequest.SAMPLE_LIMIT + " assets and their findings.")
    boolean sample;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE|-", description = "Where the JSON lines go (default: - for stdout).")
    String outFile = "-";

    @Option(names = "--format", paramLabel = "etm|raw|ocsf",
            description = "etm (default): the normalized Asset/Finding model; raw: the vendor records, untransformed;"
                    + " ocsf: the model as OCSF 1.8.0 events (Device Inventory Info 5001, Vulnerability Finding 2002,"
                    + " Compliance Finding 2003), one per line.")
    SyncRunner.Format format = SyncRunner.Format.ETM;

    @Option(names = "--skip-invalid", description = "Leave out (and count) records the maps cannot transform, instead of failing.")
    boolean skipInvalid;

    @Option(names = "--strict-fields", description = "Fail on an unreadable optional field instead of dropping the field,"
            + " keeping the record and counting it in the summary's data-quality lines: the connector fails the run; a"
            + " map rule fails the record, which fails the run unless --skip-invalid leaves it out (counted).")
    boolean strictFields;

    @Override
    public Integer call() {
        try (Worker worker = new Worker(env().signals)) {
            try {
                return sync(worker);
            } catch (Exception e) {
                return fail(e);
            }
        }
    }

    private int sync(Worker worker) throws Exception {
        ConfigFile.Loaded loaded = loadConfig(config);
        ConnectorDescriptor d = loaded.provider().descriptor();
        List<ConfigError> problems = new ArrayList<>();
        if (mode == SyncRequest.Mode.DELTA && !d.deltaSupported()) {
            problems.add(ConfigError.of("--mode", d.id() + " does not support delta sync (every run is a full sync);"
                    + " use --mode full"));
        }
        if (filter != null && !d.filterSupported()) {
            problems.add(ConfigError.of("--filter", d.id() + " does not support filters; leave --filter out"));
        }
        if (sample && !d.samplingSupported()) {
            problems.add(ConfigError.of("--sample", d.id() + " does not support sampling; leave --sample out"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        try (CheckpointLock lock = checkpoint == null ? null : lock(checkpoint)) {
            return sync(worker, loaded, d);
        }
    }

    /** Takes the checkpoint's lock, without waiting; see {@link CheckpointLock}. */
    private CheckpointLock lock(Path file) {
        if (java.nio.file.Files.exists(file) && !java.nio.file.Files.isRegularFile(file)) {
            throw CheckpointFile.notARegularFile(file);   // before a lock file is made next to a device
        }
        try {
            return CheckpointLock.acquire(file, env().clock.instant());
        } catch (java.io.IOException e) {
            throw new ConfigurationException("checkpoint", "the lock file " + CheckpointLock.lockFile(file)
                    + " cannot be created or locked (" + e.getMessage() + "); check the folder and its permissions");
        }
    }

    /** The run, the checkpoint locked (when there is one). */
    private int sync(Worker worker, ConfigFile.Loaded loaded, ConnectorDescriptor d) throws Exception {
        Optional<Checkpoint> previous = Optional.empty();
        if (checkpoint != null) {
            previous = CheckpointFile.read(checkpoint);
            String tenant = loaded.config().tenantId().orElse("");
            previous.ifPresent(c -> {
                try {
                    c.requireFor(d.id(), tenant);
                } catch (ConfigurationException e) {
                    throw new ConfigurationException("checkpoint", "file " + checkpoint + " " + e.errors().get(0).message());
                }
                if (mode == SyncRequest.Mode.DELTA) {   // all of it before any request or output
                    CheckpointFile.requireUsable(checkpoint, c, env().clock.instant());
                }
            });
        }
        if (mode == SyncRequest.Mode.DELTA && previous.isEmpty()) {
            warn(checkpoint == null ? "--mode delta without --checkpoint: this run is a full sync"
                    : "no checkpoint in " + checkpoint + " yet: this run is a full sync");
        }
        boolean toStdout = outFile.equals("-");
        PrintWriter summaryOut = toStdout ? err() : out();
        Progress progress = new Progress(err(), env().stderrIsTerminal, env().progressInterval, redact());
        SyncRequest.Builder rb = SyncRequest.builder().data(data.data).mode(mode).sampling(sample).listener(progress)
                .strictFields(strictFields);
        if (mode == SyncRequest.Mode.DELTA) {
            previous.ifPresent(rb::checkpoint);
        }
        if (filter != null) {
            rb.filter(filter);
        }
        SyncRequest request = rb.build();
        SyncRunner runner = new SyncRunner(loaded.provider(), env().clock, worker::interrupted);
        ErrorPolicy policy = skipInvalid ? ErrorPolicy.SKIP_AND_REPORT : ErrorPolicy.FAIL;
        if (format != SyncRunner.Format.RAW) {
            runner.transformer(policy, strictFields);   // a broken shipped map fails before any request
        }
        SyncRunner.Result result;
        Path outPath = toStdout ? null : Path.of(outFile);
        try (progress; Writer out = open(outPath)) {
            result = worker.run("sync", () -> {
                try (Connector connector = connect(loaded)) {
                    return runner.run(connector, request, format, policy, out, progress);
                }
            });
        }
        List<String> extra = new ArrayList<>();
        extra.add("output      " + (toStdout ? "stdout" : outPath.toString()));
        result.ocsf().ifPresent(c -> extra.add(ocsfLine(c)));
        if (worker.interrupted()) {
            throw new dev.exposure.connector.ConnectorInterruptedException("interrupted (Ctrl-C); checkpoint not written", null);
        }
        if (checkpoint != null && result.checkpoint().isPresent()) {
            CheckpointFile.write(checkpoint, result.checkpoint().get());
            extra.add("checkpoint  written to " + checkpoint + " (next delta from " + result.checkpoint().get().position() + ")");
        } else if (checkpoint != null) {
            extra.add("checkpoint  none: " + d.id() + " gives no checkpoint (no delta support); " + checkpoint + " unchanged");
        }
        Summary.print(summaryOut, result, extra, redact());
        if (summaryOut.checkError()) {
            throw new OutputFailedException("the summary could not be written to " + (toStdout ? "stderr" : "stdout")
                    + " (closed pipe, full device or I/O error); the records and the checkpoint were written");
        }
        return ExitCodes.OK;
    }

    /** The summary line of an OCSF output: events written, and findings that could not be events. */
    static String ocsfLine(dev.exposure.connector.ocsf.OcsfCounts c) {
        return String.format(java.util.Locale.ROOT, "ocsf        %,d OCSF 1.8.0 events (5001: %,d, 2002: %,d, 2003: %,d);"
                + " left out: %,d findings without a vulnerability id, %,d of unknown type", c.written(),
                c.deviceInventoryInfo(), c.vulnerabilityFindings(), c.complianceFindings(), c.withoutVulnerabilityId(),
                c.ofUnknownType());
    }

    /** The records' destination: whole lines, every write failure fatal (see {@link LineOutput}). */
    private Writer open(@Nullable Path path) {
        return path == null ? LineOutput.toStdout(out()) : LineOutput.toFile(path);
    }

    /** Accepts assets, assets-and-findings (any case, - or _). */
    static final class DataConverter implements picocli.CommandLine.ITypeConverter<DataOption> {
        @Override
        public DataOption convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            for (DataOption o : DataOption.values()) {
                if (o.name().equals(v)) {
                    return o;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of assets, assets-and-findings");
        }
    }
}
