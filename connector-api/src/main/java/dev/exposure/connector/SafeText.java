package dev.exposure.connector;

import org.jspecify.annotations.Nullable;

/**
 * Text from a server or a file made safe to print on a terminal or in a log: the one place the
 * SDK defines what "safe" means (used by {@link FieldIssue#safeText(Object)} and by the command
 * line's messages).
 *
 * <p>Every control character (C0, DEL and C1, so the ESC of ANSI/OSC escape sequences, BEL, CR,
 * LF and TAB, and the 8-bit CSI), the Unicode line and paragraph separators and the bidirectional
 * overrides and isolates (which reorder what a reader sees) are replaced by {@code ?}; the text is
 * cut after a maximum number of characters, followed by a count of the rest. Nothing else is
 * changed, so a secret masked before stays masked.
 *
 * @since 0.1
 */
public final class SafeText {
    /** The default maximum, in characters: enough for an example value or an id. */
    public static final int MAX_VALUE = 120;

    private SafeText() { }

    /**
     * @param value any value
     * @return its text ({@code null} for null) made safe and cut after {@value #MAX_VALUE} characters
     */
    public static String of(@Nullable Object value) {
        return of(value, MAX_VALUE);
    }

    /**
     * @param value any value
     * @param maxChars the most characters kept (at least 1); the rest is replaced by
     *     {@code …(N more chars)}
     * @return its text ({@code null} for null) made safe and cut
     */
    public static String of(@Nullable Object value, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        String s = String.valueOf(value);
        int n = Math.min(s.length(), maxChars);
        if (n < s.length() && n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;   // never cut a character in half
        }
        StringBuilder b = new StringBuilder(n + 24);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(unsafe(c) ? '?' : c);
        }
        if (s.length() > n) {
            b.append("…(").append(s.length() - n).append(" more chars)");
        }
        return b.toString();
    }

    /**
     * @param c a character
     * @return whether it is replaced: a control character, a line or paragraph separator, or a
     *     bidirectional formatting character
     */
    public static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                || c == '\u200F' || c == '\u061C';
    }
}
