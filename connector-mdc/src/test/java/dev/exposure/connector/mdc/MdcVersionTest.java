package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MdcVersionTest {

    @Test
    void shouldDescribeItselfWithTheArtifactVersion() {
        String expected = System.getProperty("connector.expectedVersion");
        assertThat(expected).as("connector.expectedVersion from surefire").isNotBlank();

        assertThat(new MdcConnectorProvider().descriptor().version()).isEqualTo(expected);
    }
}
