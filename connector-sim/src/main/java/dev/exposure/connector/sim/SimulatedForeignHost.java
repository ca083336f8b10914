package dev.exposure.connector.sim;

import dev.exposure.connector.sim.SimServer.Call;
import java.io.IOException;
import java.net.URI;

/**
 * A "foreign" HTTPS host on another loopback port, for proving that a connector never sends its
 * bearer token to a host it was not configured for: point a {@link Fault#foreignNextLink(URI)} at
 * {@link #baseUrl()}, run the sync, then assert {@code foreign.stats().requestsWithAuthorization()}
 * is zero. It answers every request with an empty MDE-style page ({@code {"value":[]}}) and
 * records what it received.
 *
 * @since 0.1
 */
public final class SimulatedForeignHost implements AutoCloseable {
    private final SimServer server = new SimServer("foreign", new SimServer.Router() {
        @Override
        public Endpoint classify(String method, String path) {
            return Endpoint.OTHER;
        }

        @Override
        public void handle(Call c) throws IOException {
            c.json(200, "{\"value\":[]}");
        }
    });

    /** Creates a foreign host; call {@link #start()}. */
    public SimulatedForeignHost() { }

    /** @return this host, started */
    public SimulatedForeignHost start() {
        server.start();
        return this;
    }

    /** @return {@code https://127.0.0.1:<port>} */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** @return what the host received, including every Authorization header's presence */
    public RequestStats stats() {
        return server.stats;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }
}
