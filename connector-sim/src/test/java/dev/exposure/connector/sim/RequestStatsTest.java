package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestStatsTest {
    final SimClient client = new SimClient();

    @Test
    void shouldCountRequestsPerEndpointAndMeasureThePeakRate() {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().machines(10).vulnerabilitiesPerMachine(10).build()
                .start()) {
            String token = client.mdeToken(t);
            int pages = client.walk(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=9", token,
                    r -> { });
            client.get(t.baseUrl() + "/api/machines", token);
            client.get(t.baseUrl() + "/api/machines", token);
            assertThat(pages).isEqualTo(t.expectedFindingPages(9));
            assertThat(t.stats().count(Endpoint.VULNERABILITIES)).isEqualTo(pages);
            assertThat(t.stats().count(Endpoint.MACHINES)).isEqualTo(2);
            assertThat(t.stats().count(Endpoint.TOKEN)).isEqualTo(1);
            assertThat(t.stats().total()).isEqualTo(pages + 3);
            assertThat(t.stats().peakPerMinute(Endpoint.VULNERABILITIES)).isEqualTo(pages);
            assertThat(t.stats().peak(Endpoint.VULNERABILITIES, Duration.ofNanos(1))).isEqualTo(1);
            assertThat(t.stats().requestsWithAuthorization()).isEqualTo(pages + 2);
            assertThat(t.stats().authorizationHosts()).containsExactly("127.0.0.1:" + t.baseUrl().getPort());
            assertThat(t.stats().requests()).hasSize(pages + 3).first()
                    .satisfies(r -> assertThat(r.endpoint()).isEqualTo(Endpoint.TOKEN));
            t.reset();
            assertThat(t.stats().total()).isZero();
        }
    }

    @Test
    void shouldMeasureThePeakInAnySlidingWindowNotFixedBuckets() throws InterruptedException {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().machines(1).build().start()) {
            String token = client.mdeToken(t);
            client.get(t.baseUrl() + "/api/machines", token);
            Thread.sleep(300);
            for (int i = 0; i < 3; i++) {
                client.get(t.baseUrl() + "/api/machines", token);
            }
            assertThat(t.stats().peak(Endpoint.MACHINES, Duration.ofMillis(250))).isEqualTo(3);
            assertThat(t.stats().peakPerMinute(Endpoint.MACHINES)).isEqualTo(4);
        }
    }
}
