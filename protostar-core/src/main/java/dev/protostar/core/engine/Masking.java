package dev.protostar.core.engine;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Secrets;

/**
 * Keeps a command's secrets out of what it reports: its events, its result and an error that escapes it. Learns the
 * secrets when the spec's values from the deploying machine are read; from then on everything passes through it.
 */
final class Masking {
    private final EventListener listener;
    private volatile Secrets secrets = Secrets.NONE;

    Masking(EventListener listener) {
        this.listener = listener;
    }

    AppSpec learn(AppSpec spec) {
        secrets = secrets.and(spec.secrets());
        return spec;
    }

    /** Values that are secrets though no spec field reads them (a registry password from the environment). */
    void learn(Secrets more) {
        secrets = secrets.and(more);
    }

    EventListener listener() {
        return over(listener);
    }

    /** {@code target}, hearing every event masked. */
    EventListener over(EventListener target) {
        return event -> target.onEvent(secrets.isEmpty() ? event
                : new Event(event.kind(), event.phase(), secrets.mask(event.message()), event.millis()));
    }

    DeployResult result(DeployResult r) {
        if (secrets.isEmpty()) {
            return r;
        }
        return new DeployResult(r.app(), r.action(), r.outcome(), r.color(), r.previousColor(), r.imageName(), r.imageId(),
                r.millis(), r.phases(), r.failedPhase(), secrets.mask(r.error()));
    }

    RuntimeException exception(RuntimeException e) {
        String m = e.getMessage();
        if (secrets.isEmpty() || m == null || m.equals(secrets.mask(m))) {
            return e;
        }
        // The cause's text would carry the secret too: only the masked message and where it came from are kept.
        IllegalStateException masked = new IllegalStateException(secrets.mask(m) + " (" + e.getClass().getSimpleName() + ")");
        masked.setStackTrace(e.getStackTrace());
        return masked;
    }
}
