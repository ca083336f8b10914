package dev.exposure.connector.mde;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.jspecify.annotations.Nullable;

/**
 * Reads MDE's timestamp forms: ISO-8601 with 0-7 fractional digits and a zone
 * ({@code 2018-08-02T14:55:03.7791856Z}), the vulnerability rows' space-separated zone-less form
 * ({@code 2020-11-03 10:13:34.8476880}, taken as UTC), and a bare date.
 */
final class MdeTimestamps {
    private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile("[+-]\\d{2}:\\d{2}$");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private MdeTimestamps() { }

    /** @return the instant, or null when the text is none of the known forms */
    static @Nullable Instant parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.endsWith("Z") || OFFSET.matcher(s).find()) {
                return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
