package dev.protostar.bench;

/**
 * One request the load sent, as the client saw it.
 *
 * @param client "keep-alive" or "fresh"
 * @param color the color named in the body (the app writes it there), or null when there was no 2xx answer
 * @param error why no answer came (connection error, timeout), or null
 */
record Request(String client, String path, long startMicros, long endMicros, int status, String color, String error) {
    boolean failed() {
        return error != null || status < 200 || status > 299;
    }

    long latencyMicros() {
        return endMicros - startMicros;
    }
}
