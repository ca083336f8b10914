package dev.exposure.connector.mde;

import com.azure.core.util.Context;
import com.azure.core.util.TracingOptions;
import com.azure.core.util.tracing.SpanKind;
import com.azure.core.util.tracing.StartSpanOptions;
import com.azure.core.util.tracing.Tracer;
import com.azure.core.util.tracing.TracerProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands for a host's azure-core tracing plugin (azure-core-tracing-opentelemetry registers itself
 * the same way, through {@code META-INF/services}). Records spans only while {@link #recording} is
 * set, so the other tests of this module are untouched.
 */
public final class RecordingTracerProvider implements TracerProvider {
    static volatile boolean recording;
    static final List<Map<String, String>> SPANS = new CopyOnWriteArrayList<>();

    @Override
    public Tracer createTracer(String libraryName, String libraryVersion, String namespace, TracingOptions options) {
        return new Tracer() {
            @Override
            public boolean isEnabled() {
                return recording;
            }

            @Override
            public Context start(String name, Context context) {
                return start(name, new StartSpanOptions(SpanKind.INTERNAL), context);
            }

            @Override
            public Context start(String name, StartSpanOptions options, Context context) {
                Map<String, String> span = new ConcurrentHashMap<>(Map.of("name", name));
                options.getAttributes().forEach((k, v) -> span.put(k, String.valueOf(v)));
                SPANS.add(span);
                return context.addData("recording-span", span);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void setAttribute(String key, String value, Context context) {
                context.getData("recording-span").ifPresent(s -> ((Map<String, String>) s).put(key, value));
            }

            @Override
            @SuppressWarnings("unchecked")
            public void end(String statusMessage, Throwable error, Context context) {
                context.getData("recording-span").ifPresent(s -> ((Map<String, String>) s).put("ended", "true"));
            }
        };
    }
}
