package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureResourceGraphTest {
    static final String VMS = "Resources | where type =~ 'microsoft.compute/virtualmachines' | order by id asc";
    static final String NICS = "Resources | where type =~ 'microsoft.network/networkinterfaces' | order by id asc";
    static final String PIPS = "Resources | where type =~ 'microsoft.network/publicipaddresses' | order by id asc";
    static final String ASSESSMENTS = "securityresources | where type == 'microsoft.security/assessments'"
            + " | extend assessedId = tolower(tostring(properties.resourceDetails.Id))"
            + " | where assessedId contains '/providers/microsoft.compute/virtualmachines/'"
            + " | project id, name, subscriptionId, resourceGroup, tenantId, assessedId, properties | order by id asc";

    static SimulatedAzureTenant t;
    static String token;
    final SimClient client = new SimClient();

    @BeforeAll
    static void start() {
        t = SimulatedAzureTenant.builder().seed(4).subscriptionCount(3).vms(61).assessmentsPerVm(8)
                .quota(1000, Duration.ofSeconds(5)).forbiddenSubscriptions("99999999-9999-4999-8999-999999999999")
                .build().start();
        token = new SimClient().azureToken(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String body(String query, List<String> subs, int top, String skipToken) {
        StringBuilder b = new StringBuilder("{\"query\":").append(SimClientJson.quote(query));
        if (subs != null) {
            b.append(",\"subscriptions\":[");
            for (int i = 0; i < subs.size(); i++) {
                b.append(i == 0 ? "" : ",").append('"').append(subs.get(i)).append('"');
            }
            b.append(']');
        }
        b.append(",\"options\":{");
        if (skipToken != null) {
            b.append("\"$skipToken\":").append(SimClientJson.quote(skipToken)).append(',');
        }
        return b.append("\"$top\":").append(top).append(",\"resultFormat\":\"objectArray\"}}").toString();
    }

    List<Map<String, Object>> all(String query, List<String> subs, int top, int[] pagesOut) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String skip = null;
        int pages = 0;
        do {
            SimClient.Page p = client.argPage(t, token, body(query, subs, top, skip));
            assertThat(p.status).isEqualTo(200);
            assertThat(p.top).containsEntry("resultTruncated", "false").containsKey("totalRecords");
            assertThat(Long.parseLong((String) p.top.get("count"))).isEqualTo(p.rows.size());
            rows.addAll(p.rows);
            skip = p.next;
            pages++;
        } while (skip != null);
        pagesOut[0] = pages;
        return rows;
    }

    @Test
    void shouldPageEveryFamilyWithSkipTokenToTheExpectedCounts() {
        int[] pages = {0};
        assertThat(all(VMS, t.subscriptions(), 7, pages)).hasSize((int) t.expectedVms()).hasSize(61);
        assertThat(pages[0]).isEqualTo(SimulatedAzureTenant.expectedPages(61, 7));
        List<Map<String, Object>> nics = all(NICS, t.subscriptions(), 1000, pages);
        assertThat(nics).hasSize((int) t.expectedNics()).hasSize(61 + 15);
        assertThat(all(PIPS, t.subscriptions(), 10, pages)).hasSize((int) t.expectedPublicIps()).hasSize(38);
        List<Map<String, Object>> assessments = all(ASSESSMENTS, null, 100, pages);
        assertThat(assessments).hasSize((int) t.expectedAssessments()).hasSize(61 * 8);
        assertThat(pages[0]).isEqualTo(5);
        Set<Object> ids = new HashSet<>();
        assessments.forEach(a -> ids.add(((String) a.get("id")).toLowerCase(Locale.ROOT)));
        assertThat(ids).hasSize(61 * 8);
        assertThat(assessments.get(0)).containsOnlyKeys("id", "name", "subscriptionId", "resourceGroup", "tenantId",
                "assessedId", "properties");
    }

    @Test
    void shouldSelectRowsBySubscriptionsAndIgnoreUnknownOrForbiddenOnes() {
        int[] pages = {0};
        String sub = t.subscriptions().get(1);
        List<Map<String, Object>> vms = all(VMS, List.of(sub, "99999999-9999-4999-8999-999999999999",
                "00000000-0000-4000-8000-000000000000"), 1000, pages);
        assertThat(vms).hasSize((int) t.expectedVms(sub)).allSatisfy(v -> assertThat(v.get("subscriptionId")).isEqualTo(sub));
        assertThat(t.expectedVms(t.subscriptions().get(0)) + t.expectedVms(sub) + t.expectedVms(t.subscriptions().get(2)))
                .isEqualTo(61);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDriftIdCasingBetweenVmsAndNicsAndModelOddShapes() {
        int[] pages = {0};
        List<Map<String, Object>> vms = all(VMS, null, 1000, pages);
        List<Map<String, Object>> nics = all(NICS, null, 1000, pages);
        Set<String> nicIds = new HashSet<>();
        Set<String> nicIdsLower = new HashSet<>();
        int multiIp = 0;
        for (Map<String, Object> n : nics) {
            nicIds.add((String) n.get("id"));
            nicIdsLower.add(((String) n.get("id")).toLowerCase(Locale.ROOT));
            Map<String, Object> props = (Map<String, Object>) n.get("properties");
            assertThat((String) props.get("macAddress")).matches("00-0D-3A-[0-9A-F]{2}-[0-9A-F]{2}-[0-9A-F]{2}");
            multiIp += ((List<Object>) props.get("ipConfigurations")).size() > 1 ? 1 : 0;
        }
        int drifted = 0;
        int noOffer = 0;
        for (Map<String, Object> v : vms) {
            Map<String, Object> props = (Map<String, Object>) v.get("properties");
            for (Object ref : (List<Object>) ((Map<String, Object>) props.get("networkProfile")).get("networkInterfaces")) {
                String id = (String) ((Map<String, Object>) ref).get("id");
                assertThat(nicIdsLower).contains(id.toLowerCase(Locale.ROOT));
                drifted += nicIds.contains(id) ? 0 : 1;
            }
            Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) props.get("storageProfile"))
                    .get("imageReference");
            noOffer += image.containsKey("offer") ? 0 : 1;
            assertThat(v.get("resourceGroup")).isEqualTo(((String) v.get("resourceGroup")).toLowerCase(Locale.ROOT));
        }
        assertThat(drifted).isPositive();
        assertThat(noOffer).isEqualTo(12);
        assertThat(multiIp).isPositive();
        long noAddress = all(PIPS, null, 1000, pages).stream()
                .filter(p -> !((Map<String, Object>) p.get("properties")).containsKey("ipAddress")).count();
        assertThat(noAddress).isEqualTo(t.expectedPublicIpsWithoutAddress()).isPositive();

        Map<String, Long> statuses = new HashMap<>();
        int lowerKeys = 0;
        for (Map<String, Object> a : all(ASSESSMENTS, null, 1000, pages)) {
            Map<String, Object> props = (Map<String, Object>) a.get("properties");
            statuses.merge((String) ((Map<String, Object>) props.get("status")).get("code"), 1L, Long::sum);
            Map<String, Object> meta = (Map<String, Object>) props.get("metadata");
            if (meta == null || meta.get("severity") == null) {
                statuses.merge("NoSeverity", 1L, Long::sum);
            }
            lowerKeys += ((Map<String, Object>) props.get("resourceDetails")).containsKey("id") ? 1 : 0;
            assertThat((String) ((Map<String, Object>) props.get("links")).get("azurePortal")).startsWith("portal.azure.com/");
        }
        assertThat(statuses).isEqualTo(t.expectedAssessmentsByStatus());
        assertThat(lowerKeys).isEqualTo(61 * 8 / 2);
    }

    @Test
    void shouldAnswerTheSubscriptionProbeWith200Or403Or404() {
        String base = t.baseUrl() + "/subscriptions/";
        HttpResponse<String> ok = client.get(base + t.subscriptions().get(0) + "?api-version=2022-12-01", token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"state\":\"Enabled\"");
        HttpResponse<String> forbidden = client.get(base + "99999999-9999-4999-8999-999999999999?api-version=2022-12-01",
                token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"code\":\"AuthorizationFailed\"");
        HttpResponse<String> missing = client.get(base + "00000000-0000-4000-8000-000000000000?api-version=2022-12-01",
                token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"SubscriptionNotFound\"");
        assertThat(client.get(base + t.subscriptions().get(0) + "?api-version=2022-12-01", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseJoinsAndBadTopAndTruncateWithoutProjectedId() {
        SimClient.Page join = client.argPage(t, token, body(VMS + " | join (Resources | where type =~"
                + " 'microsoft.network/networkinterfaces') on id", null, 10, null));
        assertThat(join.status).isEqualTo(400);
        assertThat(client.argPage(t, token, body(VMS, null, 1001, null)).status).isEqualTo(400);
        SimClient.Page noId = client.argPage(t, token, body(VMS + " | project name", null, 10, null));
        assertThat(noId.top).containsEntry("resultTruncated", "true");
        assertThat(noId.next).isNull();
        assertThat(noId.rows).hasSize(10).allSatisfy(r -> assertThat(r).containsOnlyKeys("name"));
        SimClient.Page count = client.argPage(t, token, body(VMS + " | count", null, 10, null));
        assertThat(count.rows).singleElement().satisfies(r -> assertThat(r).containsEntry("Count", "61"));
        assertThat(client.argPage(t, token, body(VMS, null, 10, "bogus")).status).isEqualTo(400);
    }

    @Test
    void shouldSendQuotaHeadersAndThrottleWithRateLimitingWhenOverQuota() {
        try (SimulatedAzureTenant small = SimulatedAzureTenant.builder().vms(3).quota(3, Duration.ofSeconds(30)).build()
                .start()) {
            String tok = client.azureToken(small);
            List<String> remaining = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SimClient.Page p = client.argPage(small, tok, body(VMS, null, 10, null));
                assertThat(p.status).isEqualTo(200);
                remaining.add(p.headers.get("x-ms-user-quota-remaining").get(0));
                assertThat(p.headers.get("x-ms-user-quota-resets-after").get(0)).matches("00:00:[0-3]\\d");
            }
            assertThat(remaining).containsExactly("2", "1", "0");
            HttpResponse<String> r = client.postJson(small.baseUrl()
                    + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01", tok, body(VMS, null, 10, null));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).contains("\"code\":\"RateLimiting\"", "\"details\":[{\"code\":\"RateLimiting\"");
            assertThat(r.headers().firstValue("x-ms-user-quota-remaining")).hasValue("0");
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
            small.advanceClock(Duration.ofSeconds(31));
            assertThat(client.argPage(small, tok, body(VMS, null, 10, null)).status).isEqualTo(200);
        }
    }
}
