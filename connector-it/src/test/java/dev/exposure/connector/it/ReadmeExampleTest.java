package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's embedding example, taken verbatim from README.md, compiled with javac and run
 * against a simulated Defender for Endpoint tenant: if the README drifts from the API, this fails.
 */
class ReadmeExampleTest {
    private static final String MARKER = "<!-- example:DefenderSync -->";

    @RegisterExtension
    static final SimulatedMdeTenantExtension MDE = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(7).machines(12).vulnerabilitiesPerMachine(6).duplicateShare(0.1)).build();

    @TempDir
    Path classes;

    @Test
    void shouldCompileAndRunTheReadmeEmbeddingExampleAgainstASimulatedTenant() throws Exception {
        Class<?> example = compile(readmeExample());
        Method run = example.getMethod("run", ConnectionConfig.class, ConnectorContext.class, Optional.class,
                Consumer.class, Consumer.class);
        List<Asset> assets = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();

        Optional<?> checkpoint = (Optional<?>) run.invoke(null, MDE.config(), MDE.context(), Optional.empty(),
                (Consumer<Asset>) assets::add, (Consumer<Finding>) findings::add);

        assertThat(assets).hasSize(MDE.tenant().expectedMachines());
        assertThat(findings).hasSize((int) MDE.tenant().expectedDistinctFindings());
        assertThat(checkpoint).isPresent().get().isInstanceOf(Checkpoint.class);

        List<Finding> changes = new ArrayList<>();
        Optional<?> next = (Optional<?>) run.invoke(null, MDE.config(), MDE.context(), checkpoint,
                (Consumer<Asset>) a -> { }, (Consumer<Finding>) changes::add);
        assertThat(next).as("a delta run hands out the next checkpoint").isPresent();
    }

    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README.md has the example marker").isNotNegative();
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    private Class<?> compile(String source) throws Exception {
        Path file = classes.resolve("src/DefenderSync.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
            boolean ok = javac.getTask(diagnostics, files, null, List.of("--release", "17", "-Xlint:all", "-Werror",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()), null, units)
                    .call();
            assertThat(ok).as("the README example compiles:%n%s", diagnostics).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("DefenderSync");
    }
}
