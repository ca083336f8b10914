package dev.exposure.connector.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The version of the artifact a class was built in, and the User-Agent a connector sends. Each
 * module ships {@code version.properties} next to its classes (in
 * {@code src/main/resources-filtered}), with {@code version=${project.version}} filled in by the
 * build, so descriptors and user agents always name the jar's own version.
 */
public final class BuildVersion {
    private BuildVersion() { }

    /**
     * @param anchor a class of the module; {@code version.properties} is read from its package
     * @return the module's version, e.g. {@code 0.1.0}
     * @throws IllegalStateException if the resource is missing or names no version (a broken build)
     */
    public static String of(Class<?> anchor) {
        try (InputStream in = anchor.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("no version.properties next to " + anchor.getName()
                        + "; the module's resources-filtered directory was not packaged");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("version.properties next to " + anchor.getName()
                        + " was not filtered by the build: version=" + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties next to " + anchor.getName(), e);
        }
    }

    /**
     * The User-Agent of a connector's requests: {@code product/version}, after the host's
     * application id when it gives one (Azure SDK style: {@code acme-sync/2.4 connector-mde/0.1.0}).
     *
     * @param product the product token, e.g. {@code connector-mde}
     * @param anchor a class of the module, see {@link #of}
     * @param applicationId the host's application id (from azure-core's {@code ClientOptions}), or null
     * @return the header value
     */
    public static String userAgent(String product, Class<?> anchor, @Nullable String applicationId) {
        String own = product + "/" + of(anchor);
        return applicationId == null || applicationId.isBlank() ? own : applicationId.strip() + " " + own;
    }
}
