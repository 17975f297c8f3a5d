package dev.protostar.bench;

import java.util.List;

/** The benchmark's own nginx, on the host ({@link HostNginx}) or in a container ({@link ContainerNginx}). */
interface BenchNginx extends AutoCloseable {
    /**
     * A new route for one app: its spec (the demo's health settings, this nginx as its router, a listen port of its own,
     * then {@code extra}) and the URL on 127.0.0.1 where the load reaches it.
     */
    Route route(String app, String extra) throws Exception;

    record Route(String url, String spec) {}

    /** A plain reload of this nginx, as a command line. */
    List<String> reloadCommand();

    /** For the log and the report. */
    String describe();

    @Override
    void close();
}
