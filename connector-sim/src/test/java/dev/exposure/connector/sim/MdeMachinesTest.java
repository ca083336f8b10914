package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MdeMachinesTest {
    static SimulatedMdeTenant t;
    static String token;
    final SimClient client = new SimClient();

    @BeforeAll
    static void start() {
        t = SimulatedMdeTenant.builder().seed(11).machines(2_345).machinesPageSize(1_000).casingDriftShare(0.2)
                .build().start();
        token = new SimClient().mdeToken(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void shouldPageMachinesByNextLinkWithSkipUntilEveryMachineIsServed() {
        Set<Object> ids = new HashSet<>();
        int[] rows = {0};
        int pages = client.walk(t.baseUrl() + "/api/machines", token, r -> {
            rows[0]++;
            ids.add(r.get("id"));
        });
        assertThat(rows[0]).isEqualTo(t.expectedMachines()).isEqualTo(2_345);
        assertThat(ids).hasSize(2_345);
        assertThat(pages).isEqualTo(t.expectedMachinePages()).isEqualTo(3);
        SimClient.Page first = client.mdePage(t.baseUrl() + "/api/machines", token);
        assertThat(first.next).isEqualTo(t.baseUrl() + "/api/machines?$skip=1000");
        assertThat(first.top.get("@odata.context")).isEqualTo(t.baseUrl() + "/api/$metadata#Machines");
    }

    @Test
    void shouldHonourTopAndSkipWithoutNextLink() {
        SimClient.Page p = client.mdePage(t.baseUrl() + "/api/machines?$top=500&$skip=2000", token);
        assertThat(p.rows).hasSize(345);
        assertThat(p.next).isNull();
        assertThat(client.mdePage(t.baseUrl() + "/api/machines?$top=10", token).rows).hasSize(10);
        assertThat(client.get(t.baseUrl() + "/api/machines?$top=10001", token).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldFilterOnEqAndStartswithAndKeepTheFilterInNextLinks() {
        String filter = "healthStatus eq 'Active' and osPlatform eq 'Linux'";
        int expected = t.expectedMachines(filter);
        assertThat(expected).isBetween(50, 2_000);
        int[] rows = {0};
        client.walk(t.baseUrl() + "/api/machines?$filter=" + SimClient.enc(filter), token, r -> {
            rows[0]++;
            assertThat(((String) r.get("healthStatus")).toLowerCase()).isEqualTo("active");
            assertThat(r.get("osPlatform")).isEqualTo("Linux");
        });
        assertThat(rows[0]).isEqualTo(expected);
        int[] starts = {0};
        client.walk(t.baseUrl() + "/api/machines?$filter=" + SimClient.enc("startswith(computerDnsName,'host-1')"),
                token, r -> starts[0]++);
        assertThat(starts[0]).isEqualTo(t.expectedMachines("startswith(computerDnsName,'host-1')")).isEqualTo(1111);
        assertThat(client.get(t.baseUrl() + "/api/machines?$filter=" + SimClient.enc("nonsense gt 3"), token).body())
                .contains("\"code\":\"ODataError\"");
    }

    @Test
    void shouldServeMachinesWithCasingDriftNullsAndIsoTimestamps() {
        SimClient.Page p = client.mdePage(t.baseUrl() + "/api/machines?$top=300", token);
        assertThat(p.rows).extracting(r -> r.get("healthStatus")).contains("Active", "active");
        assertThat(p.rows).extracting(r -> r.get("onboardingStatus")).contains("Onboarded", "onboarded");
        assertThat(p.rows).extracting(r -> r.get("riskScore")).containsNull();
        assertThat(p.rows).allSatisfy(r -> assertThat((String) r.get("lastSeen"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,7})?Z"));
        assertThat(p.rows).allSatisfy(r -> assertThat((String) r.get("id")).matches("[0-9a-f]{40}"));
    }

    @Test
    void shouldAnswer404ForTheMachinesListOfAnEmptyTenant() {
        try (SimulatedMdeTenant empty = SimulatedMdeTenant.builder().machines(0).build().start()) {
            assertThat(client.get(empty.baseUrl() + "/api/machines", client.mdeToken(empty)).statusCode()).isEqualTo(404);
        }
    }
}
