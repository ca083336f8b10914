package dev.exposure.connector.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP {@code CONNECT} proxy on loopback for tests: it accepts tunnels to any host and
 * port, records each {@code CONNECT} target, and forwards every tunnel to one loopback port (e.g. a
 * WireMock HTTPS server), so a test can name a host that is reachable only through the proxy.
 * Plain HTTP requests (not {@code CONNECT}) are answered with 405. Close it after the test.
 */
public final class LoopbackConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int forwardPort;
    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private LoopbackConnectProxy(int forwardPort) throws IOException {
        this.forwardPort = forwardPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "loopback-connect-proxy");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @param forwardPort the loopback port every tunnel is forwarded to
     * @return a started proxy
     */
    public static LoopbackConnectProxy forwardingTo(int forwardPort) {
        try {
            return new LoopbackConnectProxy(forwardPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the proxy's port on 127.0.0.1 */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the proxy URL, e.g. for {@code HTTPS_PROXY} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the {@code host:port} of every {@code CONNECT} received, in order */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "loopback-connect-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] first = head.split("\r\n", 2)[0].split(" ");
            OutputStream out = client.getOutputStream();
            if (first.length < 2 || !first[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            connects.add(first[1]);
            Socket upstream = new Socket();
            open.add(upstream);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), forwardPort), 5_000);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread back = new Thread(() -> pump(upstream, client), "loopback-connect-proxy-pump");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && head.size() < 16 * 1024) {
            head.write(b);
            byte[] a = head.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        open.forEach(LoopbackConnectProxy::closeQuietly);
    }
}
