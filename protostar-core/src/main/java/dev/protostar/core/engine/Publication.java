package dev.protostar.core.engine;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.metrics.AppFacts;
import dev.protostar.core.metrics.Publisher;
import dev.protostar.core.state.History;

/** After a command on one host: the app's facts there, from its history and a drift check, to the monitoring. */
final class Publication {
    private Publication() {}

    /** @param drift what the command's own check found, or null to check now */
    static void after(Session s, DockerEndpoint host, boolean oneOfSeveralHosts, Integer drift) {
        if (s.spec.metrics().textfileDir() == null && s.spec.metrics().pushgateway() == null) {
            return;
        }
        AppFacts facts;
        try {
            Integer found = drift != null ? drift
                    : s.router.current(s.spec.app()).map(live -> Drift.of(s, live, oneOfSeveralHosts).size()).orElse(null);
            facts = AppFacts.of(s.spec.app(), host.host(), s.history().last(History.KEEP), found);
        } catch (RuntimeException e) {
            s.timeline.warn("metrics: could not read what to publish: " + e.getMessage());
            return;
        }
        try {
            Publisher.publish(s.spec, host, facts, s.timeline::warn);
        } catch (RuntimeException | LinkageError e) {
            // a library missing where the engine runs (a Jenkins agent) must not turn a finished deploy into a failed one
            s.timeline.warn("metrics: could not publish: " + e);
        }
    }
}
