package dev.exposure.connector.cli;

import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.model.FindingType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code list}: the connectors ServiceLoader finds, one row each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the connectors found on the class path (ServiceLoader) with their capabilities.")
final class ListCommand extends CliCommand implements Callable<Integer> {
    static final String[] HEADER = {"ID", "NAME", "VENDOR", "CATEGORY", "VERSION", "DELTA", "FILTER", "SAMPLING",
        "FINDINGS"};

    @Override
    public Integer call() {
        List<ConnectorProvider> providers = env().connectors.get().providers();
        PrintWriter out = out();
        if (providers.isEmpty()) {
            out.println("No connectors found: add a connector module (connector-mde, connector-mdc) to the class path.");
            out.flush();
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ConnectorProvider p : providers) {
            ConnectorDescriptor d = p.descriptor();
            rows.add(new String[] {d.id(), d.displayName(), d.vendor(), d.category(), d.version(), yes(d.deltaSupported()),
                yes(d.filterSupported()), yes(d.samplingSupported()),
                d.findingTypes().stream().map(FindingType::name).map(s -> s.toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","))});
        }
        Table.print(out, rows);
        out.flush();
        return ExitCodes.OK;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
