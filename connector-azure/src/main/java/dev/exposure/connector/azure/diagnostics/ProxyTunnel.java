package dev.exposure.connector.azure.diagnostics;

import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Configuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens a TCP connection to a host the way the connectors' HTTP clients reach it: directly, or
 * through the proxy azure-core's {@link Configuration} names ({@code HTTPS_PROXY}, {@code
 * HTTP_PROXY}, {@code NO_PROXY}, the Java proxy system properties; read by {@link
 * ProxyOptions#fromConfiguration(Configuration, boolean)}, as every Azure SDK client reads it).
 * Through an HTTP proxy the connection is a {@code CONNECT} tunnel (with Basic proxy credentials
 * when configured); through a SOCKS proxy, a SOCKS connection. The proxy's password never appears
 * in a message.
 */
public final class ProxyTunnel {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private ProxyTunnel() { }

    /**
     * @param config the configuration to read ({@link Configuration#getGlobalConfiguration()} in production)
     * @param target the host to reach
     * @return the proxy to use for it, or null when none is configured or the host is in the
     *     non-proxy list
     */
    public static @Nullable ProxyOptions proxyFor(Configuration config, URI target) {
        ProxyOptions p = ProxyOptions.fromConfiguration(config, true);
        if (p == null || p.getAddress() == null) {
            return null;
        }
        String non = p.getNonProxyHosts();
        if (non != null && !non.isEmpty() && target.getHost() != null
                && Pattern.compile(non, Pattern.CASE_INSENSITIVE).matcher(target.getHost()).matches()) {
            return null;
        }
        return p;
    }

    /**
     * @param proxy a proxy
     * @return {@code host:port} of the proxy, without its credentials
     */
    public static String describe(ProxyOptions proxy) {
        return proxy.getAddress().getHostString() + ":" + proxy.getAddress().getPort();
    }

    /**
     * Connects to a host, through the proxy when one is given. The caller closes the socket.
     *
     * @param target the host (and port) to reach
     * @param proxy the proxy, or null for a direct connection
     * @param timeoutMs the connect and read timeout
     * @return a connected socket: to the host itself, or a tunnel to it
     * @throws IOException when the host or the proxy cannot be reached, or the proxy refuses the tunnel
     */
    public static Socket open(URI target, @Nullable ProxyOptions proxy, int timeoutMs) throws IOException {
        String host = target.getHost();
        int port = AzureFailures.port(target);
        if (proxy == null) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), timeoutMs);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
        InetSocketAddress at = new InetSocketAddress(proxy.getAddress().getHostString(), proxy.getAddress().getPort());
        if (proxy.getType() != ProxyOptions.Type.HTTP) {
            Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, at));
            try {
                s.connect(InetSocketAddress.createUnresolved(host, port), timeoutMs);
                return s;
            } catch (IOException e) {
                s.close();
                throw new IOException("the SOCKS proxy " + describe(proxy) + " could not reach " + host + ":" + port
                        + " (" + AzureFailures.rootText(e) + ")");
            }
        }
        Socket s = new Socket();
        try {
            try {
                s.connect(at, timeoutMs);
            } catch (IOException e) {
                throw new IOException("cannot reach the proxy " + describe(proxy) + " ("
                        + AzureFailures.rootText(e) + ")");
            }
            s.setSoTimeout(timeoutMs);
            StringBuilder req = new StringBuilder("CONNECT ").append(host).append(':').append(port)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            if (proxy.getUsername() != null && proxy.getPassword() != null) {
                String basic = Base64.getEncoder().encodeToString((proxy.getUsername() + ":" + proxy.getPassword())
                        .getBytes(StandardCharsets.UTF_8));
                req.append("Proxy-Authorization: Basic ").append(basic).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = readHead(s.getInputStream(), proxy);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[1].startsWith("2")) {
                throw new IOException("the proxy " + describe(proxy) + " refused a tunnel to " + host + ":" + port
                        + " (" + AzureFailures.firstLine(status) + ")" + (parts.length > 1 && parts[1].equals("407")
                        ? ": check the proxy user and password" : ""));
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Reads the proxy's answer head byte by byte (nothing of the tunnel after it), bounded. */
    private static String readHead(InputStream in, ProxyOptions proxy) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the proxy " + describe(proxy) + " closed the connection during CONNECT");
            }
            head.write(b);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("the proxy " + describe(proxy) + " sent an overlong CONNECT answer");
            }
            state = b == '\r' && (state == 0 || state == 2) || b == '\n' && (state == 1 || state == 3) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\r');
        return eol < 0 ? text : text.substring(0, eol);
    }
}
