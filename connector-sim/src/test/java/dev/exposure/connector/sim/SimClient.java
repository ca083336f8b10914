package dev.exposure.connector.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A bare JDK HTTPS client plus jackson-core streaming, for testing the simulators from outside. */
final class SimClient {
    static final JsonFactory JSON = new JsonFactory();
    final HttpClient http = trustingClient();

    /** One parsed page: rows (as flat maps of scalar fields), the next link / skip token. */
    static final class Page {
        final List<Map<String, Object>> rows = new ArrayList<>();
        String next;
        Map<String, Object> top = new LinkedHashMap<>();
        int status;
        Map<String, List<String>> headers;
    }

    /** @return a bare JDK client that trusts only the simulators' certificate ({@link SimTls}) */
    static HttpClient trustingClient() {
        return HttpClient.newBuilder().sslContext(SimTls.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    String token(URI tokenUrl, String clientId, String secret, String scope) {
        HttpResponse<String> r = postForm(tokenUrl, "grant_type=client_credentials&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret) + "&scope=" + enc(scope));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + r.statusCode() + " " + r.body());
        }
        String b = r.body();
        int i = b.indexOf("\"access_token\":\"") + 16;
        return b.substring(i, b.indexOf('"', i));
    }

    String mdeToken(SimulatedMdeTenant t) {
        return token(t.tokenUrl(), t.clientId(), t.clientSecret(), t.tokenScope());
    }

    String azureToken(SimulatedAzureTenant t) {
        return token(URI.create(t.baseUrl() + "/" + t.tenantId() + "/oauth2/v2.0/token"), t.clientId(),
                t.clientSecret(), t.tokenScope());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> postForm(URI url, String body) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.GET().build());
    }

    HttpResponse<String> postJson(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<InputStream> getStream(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs an MDE page and parses it. */
    Page mdePage(String url, String token) {
        HttpResponse<InputStream> r = getStream(url, token);
        Page p = new Page();
        p.status = r.statusCode();
        p.headers = r.headers().map();
        try (InputStream in = r.body()) {
            parse(in, "value", "@odata.nextLink", p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** POSTs a Resource Graph query and parses the answer. */
    Page argPage(SimulatedAzureTenant t, String token, String body) {
        HttpResponse<String> r = postJson(t.baseUrl() + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                token, body);
        Page p = new Page();
        p.status = r.statusCode();
        p.headers = r.headers().map();
        try (JsonParser jp = JSON.createParser(r.body())) {
            parseParser(jp, "data", "$skipToken", p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static void parse(InputStream in, String arrayField, String nextField, Page p) throws IOException {
        try (JsonParser jp = JSON.createParser(in)) {
            parseParser(jp, arrayField, nextField, p);
        }
    }

    static void parseParser(JsonParser jp, String arrayField, String nextField, Page p) throws IOException {
        if (jp.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not an object");
        }
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
            String f = jp.currentName();
            JsonToken t = jp.nextToken();
            if (f.equals(arrayField) && t == JsonToken.START_ARRAY) {
                while (jp.nextToken() == JsonToken.START_OBJECT) {
                    p.rows.add(readObject(jp));
                }
            } else if (f.equals(nextField)) {
                p.next = jp.getValueAsString();
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                jp.skipChildren();
            } else {
                p.top.put(f, t == JsonToken.VALUE_NULL ? null : jp.getText());
            }
        }
    }

    /** Reads an object: scalars as text, nested objects as maps, arrays as lists. */
    static Map<String, Object> readObject(JsonParser jp) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (jp.nextToken() == JsonToken.FIELD_NAME) {
            String f = jp.currentName();
            m.put(f, readValue(jp, jp.nextToken()));
        }
        return m;
    }

    static Object readValue(JsonParser jp, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            return readObject(jp);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            JsonToken n;
            while ((n = jp.nextToken()) != JsonToken.END_ARRAY) {
                l.add(readValue(jp, n));
            }
            return l;
        }
        return t == JsonToken.VALUE_NULL ? null : jp.getText();
    }

    /** Walks an MDE nextLink chain, handing each row to the consumer; returns the number of pages. */
    int walk(String firstUrl, String token, Consumer<Map<String, Object>> rows) {
        String url = firstUrl;
        int pages = 0;
        while (url != null) {
            Page p = mdePage(url, token);
            if (p.status != 200) {
                throw new IllegalStateException("page " + (pages + 1) + " answered " + p.status);
            }
            p.rows.forEach(rows);
            pages++;
            url = p.next;
            if (pages > 10_000) {
                throw new IllegalStateException("runaway paging");
            }
        }
        return pages;
    }
}
