package dev.exposure.connector.sim;

/** JSON string quoting for request bodies in tests. */
final class SimClientJson {
    private SimClientJson() { }

    static String quote(String s) {
        return MiniJson.quote(s);
    }
}
