package dev.exposure.connector.testkit;

import dev.exposure.connector.ConfigField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Markdown table of a connector's configuration fields, rendered from its declared
 * {@link ConfigField}s, and the check that a module README carries exactly that table between the
 * markers {@value #BEGIN} and {@value #END}. A vendor test calls {@link #assertReadmeMatches}; when
 * a declaration changes, the failure shows the table to paste.
 *
 * @since 0.1
 */
public final class ConfigFieldTable {
    /** The line before the generated table in a README. */
    public static final String BEGIN = "<!-- config-fields:begin (generated from the declarations; a test checks it) -->";
    /** The line after the generated table in a README. */
    public static final String END = "<!-- config-fields:end -->";

    private ConfigFieldTable() { }

    /**
     * @param fields the descriptor's fields, in form order
     * @return the Markdown table, one line per field, ending with a line break
     */
    public static String markdown(List<ConfigField> fields) {
        StringBuilder s = new StringBuilder("| field | type | required | default | meaning |\n|---|---|---|---|---|\n");
        for (ConfigField f : fields) {
            s.append("| `").append(f.name()).append('`')
                    .append(f.aliases().isEmpty() ? "" : " (also `" + String.join("`, `", f.aliases()) + "`)")
                    .append(" | ").append(type(f))
                    .append(" | ").append(f.required() ? "yes" : "no")
                    .append(" | ").append(f.defaultValue().map(d -> d.startsWith("the ") ? d : "`" + d + "`").orElse(""))
                    .append(" | ").append(cell(f.description())).append(" |\n");
        }
        return s.toString();
    }

    private static String type(ConfigField f) {
        StringBuilder t = new StringBuilder(f.type().name().toLowerCase(Locale.ROOT));
        if (!f.allowedValues().isEmpty()) {
            t.append(": ").append(f.allowedValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")));
        }
        if (f.minimum().isPresent() && f.maximum().isPresent()) {
            t.append(", ").append(f.minimum().get()).append("–").append(f.maximum().get());
        } else if (f.maximum().isPresent()) {
            t.append(", at most ").append(f.maximum().get());
        }
        f.maxLength().ifPresent(n -> t.append(", at most ").append(n).append(" characters"));
        return t.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Checks that a README holds, between {@link #BEGIN} and {@link #END}, exactly the table of
     * these fields.
     *
     * @param readme the README file
     * @param fields the descriptor's fields
     * @throws AssertionError naming the expected table when the README differs or lacks the markers
     */
    public static void assertReadmeMatches(Path readme, List<ConfigField> fields) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expected = markdown(fields);
        int begin = text.indexOf(BEGIN + "\n");
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError(readme + " has no " + BEGIN + " ... " + END + " block; add it with:\n"
                    + BEGIN + "\n" + expected + END);
        }
        String actual = text.substring(begin + BEGIN.length() + 1, end);
        if (!actual.equals(expected)) {
            throw new AssertionError(readme + ": the configuration table differs from the declarations; replace the"
                    + " block with:\n" + BEGIN + "\n" + expected + END + "\n\nfound:\n" + actual);
        }
    }
}
