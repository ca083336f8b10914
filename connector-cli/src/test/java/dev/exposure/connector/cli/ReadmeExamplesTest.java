package dev.exposure.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config files the README shows for real tenants are valid as written. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @Test
    void shouldAcceptEveryConfigFileOfTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> ids = new ArrayList<>();
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/mdc.txt"), "an-mdc-secret\n");
        int n = 0;
        while (m.find()) {
            Path file = dir.resolve("example-" + n++ + ".json");
            Files.writeString(file, m.group(1));
            ConfigFile.Loaded loaded = ConfigFile.load(file, Connectors.load(), ConnectorContext.empty(),
                    Map.of("MDE_CLIENT_SECRET", "an-mde-secret")::get);
            ids.add(loaded.provider().id());
        }
        assertThat(ids).containsExactly("mde-v2", "mdc-vm");
    }
}
