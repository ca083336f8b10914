package dev.exposure.connector.azure.json;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import dev.exposure.connector.DataException;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OData page reader over real HTTPS on loopback; a broken body is a real body cut off after N bytes. */
class ODataReaderTest {
    private static final String THREE_ROWS =
            "{\"value\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}],\"@odata.nextLink\":\"https://api.example/p2\"}";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private final HttpClient http = TestTls.trustingHttpClient();
    private final List<String> resumes = new ArrayList<>();
    private int opened;

    /** Opens the page; the first {@code breaking} openings are cut off after {@code bytes} bytes. */
    private ODataReader reader(String path, int breaking, int bytes) {
        return new ODataReader(() -> {
            opened++;
            HttpResponse r = http.sendSync(new HttpRequest(HttpMethod.GET, wm.url(path)), Context.NONE);
            InputStream body = r.getBodyAsBinaryData().toStream();
            InputStream in = opened <= breaking ? new CutOff(body, bytes) : body;
            return ResponseBody.of(r.getStatusCode(), wm.url(path), () -> in, r::close);
        }, "test findings page 1", null, resumes::add);
    }

    private static List<Object> ids(ODataReader reader) {
        List<Object> ids = new ArrayList<>();
        reader.forEachRemaining(row -> ids.add(row.get("id")));
        return ids;
    }

    @Test
    void shouldReadTheRowsOneByOneAndTheNextLinkThatFollowsThem() {
        wm.stubFor(get("/p1").willReturn(okJson(THREE_ROWS)));

        try (ODataReader reader = reader("/p1", 0, 0)) {
            assertThat(reader.next()).isEqualTo(Map.of("id", "a"));
            assertThat(reader.nextLink()).as("not read yet: it follows the rows").isNull();
            assertThat(ids(reader)).containsExactly("b", "c");
            assertThat(reader.nextLink()).isEqualTo("https://api.example/p2");
            assertThat(reader.rows()).isEqualTo(3);
        }
    }

    @Test
    void shouldResumeABodyThatBrokeOffWithoutLosingOrRepeatingARow() {
        wm.stubFor(get("/p1").willReturn(okJson(THREE_ROWS)));

        try (ODataReader reader = reader("/p1", 1, THREE_ROWS.indexOf("{\"id\":\"c\"") - 1)) {
            assertThat(ids(reader)).containsExactly("a", "b", "c");
            assertThat(reader.nextLink()).isEqualTo("https://api.example/p2");
        }
        assertThat(opened).isEqualTo(2);
        assertThat(resumes).singleElement().asString().contains("broke off after 2 rows")
                .contains("SocketException: Connection reset");
    }

    @Test
    void shouldFailNamingTheUrlWhenThePageHasFewerRowsWhenRequestedAgain() {
        wm.stubFor(get("/p1").inScenario("shrinks").whenScenarioStateIs(STARTED).willReturn(okJson(THREE_ROWS))
                .willSetStateTo("shrunk"));
        wm.stubFor(get("/p1").inScenario("shrinks").whenScenarioStateIs("shrunk")
                .willReturn(okJson("{\"value\":[{\"id\":\"a\"}]}")));

        try (ODataReader reader = reader("/p1", 1, THREE_ROWS.indexOf("{\"id\":\"c\"") - 1)) {
            Throwable error = catchThrowable(() -> ids(reader));

            assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("fewer rows")
                    .hasMessageContaining("1 instead of 2").hasMessageContaining("test findings page 1 " + wm.url("/p1"));
        }
    }

    @Test
    void shouldGiveUpTransientlyAfterTwoResumes() {
        wm.stubFor(get("/p1").willReturn(okJson(THREE_ROWS)));
        List<Object> seen = new ArrayList<>();

        try (ODataReader reader = reader("/p1", 99, THREE_ROWS.indexOf("{\"id\":\"b\"") - 1)) {
            Throwable error = catchThrowable(() -> reader.forEachRemaining(row -> seen.add(row.get("id"))));

            assertThat(error).isInstanceOf(TransientException.class).hasMessageContaining("2 resumed attempts")
                    .hasMessageContaining(wm.url("/p1"));
        }
        assertThat(seen).containsExactly("a");
        assertThat(opened).isEqualTo(1 + ODataReader.MAX_RESUMES);
    }

    @Test
    void shouldFailNamingTheUrlOnAPageWithoutAValueArray() {
        wm.stubFor(get("/p1").willReturn(okJson("{\"error\":{\"code\":\"x\"}}")));

        try (ODataReader reader = reader("/p1", 0, 0)) {
            assertThat(catchThrowable(reader::hasNext)).isInstanceOf(DataException.class)
                    .hasMessageContaining("without a 'value' array").hasMessageContaining(wm.url("/p1"));
        }
    }

    /** A body the connection loses after some bytes. */
    private static final class CutOff extends FilterInputStream {
        private int left;

        CutOff(InputStream in, int bytes) {
            super(in);
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new SocketException("Connection reset");
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new SocketException("Connection reset");
            }
            int n = super.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
