package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MdeUnitsTest {

    @Test
    void shouldReadEveryMdeTimestampForm() {
        assertThat(MdeTimestamps.parse("2018-08-02T14:55:03.7791856Z")).isEqualTo(Instant.parse("2018-08-02T14:55:03.779185600Z"));
        assertThat(MdeTimestamps.parse("2020-11-03 10:13:34.8476880")).isEqualTo(Instant.parse("2020-11-03T10:13:34.847688Z"));
        assertThat(MdeTimestamps.parse("2020-12-30 14:17:26")).isEqualTo(Instant.parse("2020-12-30T14:17:26Z"));
        assertThat(MdeTimestamps.parse("2024-01-31")).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
        assertThat(MdeTimestamps.parse("2024-01-31T10:00:00+02:00")).isEqualTo(Instant.parse("2024-01-31T08:00:00Z"));
        assertThat(MdeTimestamps.parse("soon")).isNull();
        assertThat(MdeTimestamps.parse(null)).isNull();
    }
}
