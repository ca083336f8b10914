package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.sim.SimulatedMdeTenant;
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
 * against a simulated Defender for Endpoint tenant; and connector-sim's README example, which starts
 * a tenant without JUnit: if a README drifts from the API, this fails.
 */
class ReadmeExampleTest {
    private static final String MARKER = "<!-- example:DefenderSync -->";
    private static final String SIM_MARKER = "<!-- example:SimulatedSync -->";

    @RegisterExtension
    static final SimulatedMdeTenantExtension MDE = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(7).machines(12).vulnerabilitiesPerMachine(6).duplicateShare(0.1)).build();

    @TempDir
    Path classes;

    @Test
    void shouldCompileAndRunTheReadmeEmbeddingExampleAgainstASimulatedTenant() throws Exception {
        Class<?> example = compile(readmeExample(Path.of("..", "README.md"), MARKER), "DefenderSync");
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

    @Test
    void shouldCompileAndRunTheSimulatorReadmeExampleThatStartsATenantWithoutJUnit() throws Exception {
        Class<?> example = compile(readmeExample(Path.of("..", "connector-sim", "README.md"), SIM_MARKER),
                "SimulatedSync");

        long delivered = (long) example.getMethod("run").invoke(null);   // throws unless every row arrived once

        assertThat(delivered).isEqualTo(SimulatedMdeTenant.builder().seed(7).machines(50).vulnerabilitiesPerMachine(20)
                .duplicateShare(0.01).build().expectedRawFindingRows());
    }

    private static String readmeExample(Path file, String markerText) throws IOException {
        String readme = Files.readString(file, StandardCharsets.UTF_8);
        int marker = readme.indexOf(markerText);
        assertThat(marker).as("%s has the example marker", file).isNotNegative();
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    private Class<?> compile(String source, String className) throws Exception {
        Path file = classes.resolve("src/" + className + ".java");
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
        return loader.loadClass(className);
    }
}
