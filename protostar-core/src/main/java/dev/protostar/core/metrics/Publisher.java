package dev.protostar.core.metrics;

import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.spec.AppSpec;
import java.util.function.Consumer;

/**
 * Publishes an app's facts where its {@code metrics:} section says: the textfile on the Docker
 * engine's host and the Pushgateway. Monitoring must never change a deploy: each failure is a warning.
 */
public final class Publisher {
    private Publisher() {}

    public static void publish(AppSpec spec, DockerEndpoint engine, AppFacts facts, Consumer<String> warn) {
        AppSpec.Metrics m = spec.metrics();
        if (m.textfileDir() == null && m.pushgateway() == null) {
            return;
        }
        String text = Exposition.text(facts);
        if (m.textfileDir() != null) {
            try {
                if (spec.router().inContainer()) {
                    // this machine need not be the engine's host (and is not, with a remote engine)
                    try (Docker docker = Docker.connect(engine)) {
                        EngineTextfile.write(docker, m.textfileDir(), spec.app(), text);
                    }
                } else {
                    Textfile.writeHere(m.textfileDir(), spec.app(), text); // nginx-host: the engine runs on this machine
                }
            } catch (RuntimeException e) {
                warn.accept("metrics: could not write the textfile " + m.textfileDir().resolve(Textfile.name(spec.app()))
                        + ": " + e.getMessage());
            }
        }
        if (m.pushgateway() != null) {
            try {
                Pushgateway.push(m.pushgateway(), facts, text);
            } catch (RuntimeException e) {
                warn.accept("metrics: " + e.getMessage());
            }
        }
    }
}
