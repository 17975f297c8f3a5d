package dev.protostar.cli;

/** Who is deploying, for the lock and the history: $PROTOSTAR_OWNER, else user@host. */
final class Owner {
    private Owner() {}

    static String current(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String env = Invocation.current().variable("PROTOSTAR_OWNER");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "someone") + "@" + host;
    }
}
