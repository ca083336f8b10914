package dev.exposure.connector.benchmarks;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.testkit.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The practical ceiling for the MDE findings sync: a bare Jackson streaming read of the
 * {@code SoftwareVulnerabilitiesByMachine} export pages of a simulated tenant (count rows,
 * {@code skipChildren} per row, follow {@code @odata.nextLink}), over the HTTP client the SDK is
 * lent in tests (azure-core's JDK client trusting {@code TestTls}, {@code readTimeout(ZERO)} as the
 * connector sets it), with a bearer token from the simulator's token endpoint.
 *
 * <p>With {@code --rows map} each row is read into a {@code LinkedHashMap} instead (the shape SDK rows
 * take), to split the SDK's cost into parsing and the rest.
 *
 * <p>Options: {@code --machines 10000 --vulns 200 --seed 7 --page-size 200000 --passes 1 --warmup 0 --rows skip}, and the
 * tenant options of {@link Tenant} ({@code --simulator spawn|in-jvm}, {@code --tenant-url ...}).
 * Prints one table row per pass.
 */
public final class MdeBaseline {
    private MdeBaseline() {}

    /**
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        int machines = a.intOpt("--machines", 10_000);
        int vulns = a.intOpt("--vulns", 200);
        int passes = a.intOpt("--passes", 1);
        List<Integer> pageSizes = a.ints("--page-size", List.of(200_000));
        asMaps = a.str("--rows", "skip").equals("map");
        String what = asMaps ? "baseline (Jackson, row as Map)" : "baseline (Jackson skipChildren)";
        try (Tenant tenant = Tenant.open("mde", a, List.of("--seed", a.str("--seed", "7"), "--machines",
                Integer.toString(machines), "--vulns", Integer.toString(vulns)))) {
            HttpClient http = TestTls.trustingHttpClient();
            System.out.printf("MdeBaseline: %,d machines x %d vulnerabilities, simulator %s, JDK %s, %d cores, Xmx %d MB%n",
                    machines, vulns, tenant.mode, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    HeapWatch.maxHeapMb());
            System.out.println("| benchmark | findings | pageSize | pass | raw rows | pages | wall s | rows/s | load avg |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            int warmup = a.intOpt("--warmup", 0);
            for (int pass = 1 - warmup; pass <= passes; pass++) {
                for (int pageSize : pageSizes) {
                    long t0 = System.nanoTime();
                    String token = token(http, tenant);
                    long rows = 0;
                    int pages = 0;
                    @Nullable String url = tenant.get("baseUrl") + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=" + pageSize;
                    while (url != null) {
                        pages++;
                        long[] count = new long[1];
                        url = readPage(http, url, token, count);
                        rows += count[0];
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("| %s%s | %,d | %,d | %d | %,d | %d | %.2f | %,.0f | %s |%n",
                            what, pass < 1 ? " warm-up, not counted" : "", (long) machines * vulns, pageSize, pass, rows,
                            pages, s, rows / s, Load.now());
                    final long got = rows;
                    tenant.expected("expectedRawFindingRows").filter(e -> e != got).ifPresent(e -> {
                        throw new IllegalStateException("read " + got + " rows, the tenant serves " + e);
                    });
                }
            }
        }
    }

    static String token(HttpClient http, Tenant tenant) throws IOException {
        String body = "grant_type=client_credentials&client_id=" + enc(tenant.get("clientId")) + "&client_secret="
                + enc(tenant.get("clientSecret")) + "&scope=" + enc(tenant.get("scope"));
        HttpRequest req = new HttpRequest(HttpMethod.POST, tenant.get("tokenUrl"))
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .setBody(body);
        try (HttpResponse r = http.sendSync(req, Context.NONE)) {
            if (r.getStatusCode() != 200) {
                throw new IOException("token endpoint answered " + r.getStatusCode());
            }
            JsonNode n = new ObjectMapper().readTree(r.getBodyAsBinaryData().toStream());
            return n.get("access_token").asText();
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads one page, counting rows into {@code count[0]}; returns the next link or null. */
    static @Nullable String readPage(HttpClient http, String url, String token, long[] count) throws IOException {
        HttpRequest req = new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token)
                .setHeader(HttpHeaderName.ACCEPT, "application/json");
        try (HttpResponse r = http.sendSync(req, Context.NONE);
                InputStream in = r.getBodyAsBinaryData().toStream();
                JsonParser p = JSON.createParser(in)) {
            if (r.getStatusCode() != 200) {
                throw new IOException(url + " answered " + r.getStatusCode());
            }
            @Nullable String next = null;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object: " + url);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("value") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (asMaps) {
                            sink ^= readObject(p).size();
                        } else {
                            p.skipChildren();
                        }
                        count[0]++;
                    }
                } else if (name.equals("@odata.nextLink") && t == JsonToken.VALUE_STRING) {
                    next = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return next;
        }
    }

    /** With {@code --rows map}: each row is read into a {@code LinkedHashMap} (values as parsed), as SDKs hand rows over. */
    static boolean asMaps;
    static int sink;

    private static java.util.Map<String, @Nullable Object> readObject(JsonParser p) throws IOException {
        java.util.Map<String, @Nullable Object> m = new java.util.LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, readValue(p));
        }
        return m;
    }

    private static @Nullable Object readValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY: {
                java.util.List<@Nullable Object> l = new java.util.ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(readValue(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
