package dev.protostar.jenkins.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live color of each app a job deploys, from its builds' badges, newest first. */
public final class LiveColors {
    private LiveColors() {}

    /** @param newestFirst badges of a job's builds, the newest build first and, within a build, the last command first */
    public static Map<String, BadgeModel> latest(List<BadgeModel> newestFirst) {
        Map<String, BadgeModel> byApp = new LinkedHashMap<>();
        for (BadgeModel b : newestFirst) {
            byApp.putIfAbsent(b.app(), b);
        }
        return byApp;
    }
}
