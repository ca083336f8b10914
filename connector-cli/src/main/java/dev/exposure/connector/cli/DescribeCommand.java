package dev.exposure.connector.cli;

import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.Transformer;
import dev.exposure.connector.transform.TransformRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code describe <id>}: one descriptor in full. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show one connector: capabilities, config fields (secret ones marked), default transform maps"
                + " and risk severity mapping.")
final class DescribeCommand extends CliCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<id>", description = "The connector id, e.g. mde-v2 (see 'connector list').")
    String id = "";

    @Option(names = "--rules", description = "Also print every rule of the transform maps.")
    boolean rules;

    @Override
    public Integer call() {
        ConnectorProvider provider = env().connectors.get().require(id);
        ConnectorDescriptor d = provider.descriptor();
        PrintWriter out = out();
        out.println(d.id() + ": " + d.displayName());
        out.println("  vendor / product   " + d.vendor() + " / " + d.product());
        out.println("  category           " + d.category());
        out.println("  version            " + d.version());
        out.println("  integration        " + d.integrationType());
        out.println("  asset types        " + String.join(", ", d.assetTypes()));
        out.println("  finding types      " + d.findingTypes().stream().map(FindingType::name).collect(Collectors.joining(", ")));
        out.println("  asset source       " + d.assetSource());
        out.println("  finding product    " + d.findingVendorProductName());
        out.println();
        out.println("Capabilities");
        out.println("  delta sync         " + (d.deltaSupported() ? "yes (--mode delta --checkpoint FILE)" : "no (every run is a full sync)"));
        out.println("  filter             " + (d.filterSupported() ? "yes (--filter EXPR)" : "no"));
        out.println("  sampling           " + (d.samplingSupported() ? "yes (--sample)" : "no"));
        out.println();
        out.println("Config fields (config file keys; * required, [secret] give inline, {\"env\": VAR} or {\"file\": path})");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIELD", "TYPE", "DEFAULT", "DESCRIPTION"});
        List<String> aliases = new ArrayList<>();
        for (ConfigField f : d.configFields()) {
            rows.add(new String[] {f.name() + (f.required() ? " *" : "") + (f.secret() ? " [secret]" : ""), type(f),
                f.defaultValue().orElse("-"), f.description()});
            if (!f.aliases().isEmpty()) {
                aliases.add("  " + f.name() + " is also read as " + String.join(", ", f.aliases()));
            }
            if (!f.valueAliases().isEmpty()) {
                aliases.add("  " + f.name() + " also accepts the older values " + f.valueAliases().entrySet().stream()
                        .map(e -> e.getKey() + " (= " + e.getValue() + ")").collect(Collectors.joining(", ")));
            }
        }
        Table.print(out, rows);
        aliases.forEach(out::println);
        out.println();
        out.println("Default transform maps (applied by 'sync' and 'demo')");
        Transformer defaults = SyncRunner.defaults(provider).clock(env().clock).build();
        for (TransformMap map : java.util.stream.Stream.of(defaults.assetMap(), defaults.findingMap())
                .flatMap(java.util.Optional::stream).toList()) {
            out.println("  " + map.name() + " " + map.version() + ", " + map.target() + ", "
                    + map.rules().size() + " rules" + (map.identity().isEmpty() ? "" : ", identity "
                    + String.join(" + ", map.identity())));
            if (rules) {
                for (TransformRule r : map.rules()) {
                    out.println("      " + r);
                }
            }
        }
        out.println();
        if (d.severityMapping().isPresent()) {
            RiskSeverityMapping m = defaults.severityMapping();
            out.println("Risk severity mapping (" + d.severityMapping().get() + ")");
            List<String[]> sev = new ArrayList<>();
            sev.add(new String[] {"LEVEL", "QDS", "VENDOR VALUES"});
            for (RiskSeverityMapping.Row row : m.rows()) {
                sev.add(new String[] {String.valueOf(row.level()), String.valueOf(row.qds()),
                    String.join(", ", row.sourceValues())});
            }
            Table.print(out, sev);
            out.println("  absent or unknown severity: level " + m.defaultLevel());
        } else {
            out.println("Risk severity mapping: none shipped (the MDE default applies)");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The type column: the kind, then the choices, range or length limit the field declares. */
    static String type(ConfigField f) {
        StringBuilder t = new StringBuilder(f.type().name().toLowerCase(java.util.Locale.ROOT));
        if (!f.allowedValues().isEmpty()) {
            t.append(' ').append(String.join("|", f.allowedValues()));
        }
        if (f.type() == ConfigField.Type.INTEGER && f.minimum().isPresent() && f.maximum().isPresent()) {
            t.append(' ').append(f.minimum().get()).append("..").append(f.maximum().get());
        } else if (f.type() == ConfigField.Type.LIST && f.maximum().isPresent()) {
            t.append(" (at most ").append(f.maximum().get()).append(')');
        }
        f.maxLength().ifPresent(n -> t.append(" (at most ").append(n).append(" chars)"));
        return t.toString();
    }
}
