package dev.exposure.connector.sim;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

/**
 * How fast the simulated MDE tenant serves rows over HTTPS loopback to a bare JDK client that only
 * counts bytes (no parsing): the simulator must be several times faster than any SDK consuming
 * it. A plain program, not a test (speed is never asserted in tests):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(deps) dev.exposure.connector.sim.SimThroughputCheck [rows] [pageSize]
 * </pre>
 */
public final class SimThroughputCheck {
    private SimThroughputCheck() { }

    /**
     * @param args optional: total rows (default 1,000,000) and page size (default 200,000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        boolean serveOnly = args.length > 2 && args[2].equals("serve");
        int perMachine = 200;
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(1).machines(rows / perMachine)
                .vulnerabilitiesPerMachine(perMachine).duplicateShare(0).filePartRows(pageSize).build().start()) {
            HttpClient http = SimClient.trustingClient();
            String token = new SimClient().mdeToken(t);
            if (serveOnly) {
                // serve to another JVM: print what it needs, then wait
                System.out.println(t.baseUrl() + " " + token);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            for (int pass = 1; pass <= 3; pass++) {
                long bytes = 0;
                long t0 = System.nanoTime();
                String url = t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=" + pageSize;
                byte[] buf = new byte[64 * 1024];
                int pages = 0;
                while (url != null) {
                    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                    // the next link sits at the end of the page: keep the last bytes to find it
                    byte[] tail = new byte[4096];
                    int tailLen = 0;
                    try (InputStream in = r.body()) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            bytes += n;
                            if (n >= tail.length) {
                                System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
                                tailLen = tail.length;
                            } else {
                                int keep = Math.min(tailLen, tail.length - n);
                                System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                                System.arraycopy(buf, 0, tail, keep, n);
                                tailLen = keep + n;
                            }
                        }
                    }
                    pages++;
                    String end = new String(tail, 0, tailLen, java.nio.charset.StandardCharsets.UTF_8);
                    int i = end.lastIndexOf("\"@odata.nextLink\":\"");
                    url = i < 0 ? null : end.substring(i + 19, end.indexOf('"', i + 19));
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("JSON export pass %d: %,d rows in %d pages, %,d bytes (%.0f B/row) in %.2f s = %,.0f rows/s,"
                        + " %.0f MB/s%n", pass, t.expectedRawFindingRows(), pages, bytes,
                        (double) bytes / t.expectedRawFindingRows(), secs, t.expectedRawFindingRows() / secs, bytes / secs / 1e6);
            }
            // file export: gzip parts, decompressed on the client
            String list = new SimClient().get(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesExport", token).body();
            long t0 = System.nanoTime();
            long bytes = 0;
            for (String f : MdeDeltaAndFileExportTest.exportFiles(list)) {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(f)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = new GZIPInputStream(r.body(), 64 * 1024)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        bytes += n;
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("file export (gzip): %,d rows, %,d bytes uncompressed in %.2f s = %,.0f rows/s%n",
                    t.expectedRawFindingRows(), bytes, secs, t.expectedRawFindingRows() / secs);
        }
    }
}
