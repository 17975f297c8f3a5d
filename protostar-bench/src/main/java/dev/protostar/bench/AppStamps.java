package dev.protostar.bench;

import dev.protostar.core.docker.Containers;

/** The sample app's own "started" and "ready" stamps, read from its container's log. */
record AppStamps(long started, long ready) {
    static final AppStamps NONE = new AppStamps(0, 0);

    static AppStamps of(Containers containers, String container) {
        long started = 0;
        long ready = 0;
        for (String line : containers.tail(container, 50).split("\n")) {
            String l = line.strip();
            if (l.startsWith("protostar-sample started ")) {
                started = Clock.fromStat(l.substring("protostar-sample started ".length()));
            } else if (l.startsWith("protostar-sample ready ")) {
                ready = Clock.fromStat(l.substring("protostar-sample ready ".length()));
            }
        }
        return new AppStamps(started, ready);
    }
}
