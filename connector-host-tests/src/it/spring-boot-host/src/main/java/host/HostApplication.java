package host;

import dev.exposure.connector.Connectors;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A host service that finds the connectors on its class path. */
@SpringBootApplication
public class HostApplication {
    @Bean
    Connectors connectors() {
        return Connectors.load();
    }
}
