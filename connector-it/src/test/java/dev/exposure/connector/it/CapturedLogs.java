package dev.exposure.connector.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Every log line written through slf4j while this module's tests run, at every level down to
 * TRACE, with the full text of any throwable (causes and suppressed included). Filled by
 * {@link CapturingSlf4jProvider}, which {@code ServiceLoader} finds in this module's test
 * resources; the module has no other slf4j binding.
 */
final class CapturedLogs {
    private static final List<String> LINES = new ArrayList<>();

    private CapturedLogs() { }

    static synchronized void add(String line) {
        LINES.add(line);
    }

    /** @return the number of lines captured so far (a mark to read from) */
    static synchronized int mark() {
        return LINES.size();
    }

    /** @param from a {@link #mark()} @return the lines captured since */
    static synchronized List<String> since(int from) {
        return new ArrayList<>(LINES.subList(Math.min(from, LINES.size()), LINES.size()));
    }

    /** @return every line captured in this JVM */
    static synchronized List<String> all() {
        return new ArrayList<>(LINES);
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** A logger that is enabled at every level and appends to {@link CapturedLogs}. */
    static final class CapturingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker, String messagePattern,
                Object @Nullable [] arguments, @Nullable Throwable throwable) {
            String text = MessageFormatter.basicArrayFormat(messagePattern, arguments);
            StringBuilder line = new StringBuilder().append(level).append(' ').append(name).append(" - ").append(text);
            if (throwable != null) {
                line.append('\n').append(stackTrace(throwable));
            }
            add(line.toString());
        }

        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isTraceEnabled(Marker marker) { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isDebugEnabled(Marker marker) { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(Marker marker) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(Marker marker) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(Marker marker) { return true; }
    }
}
