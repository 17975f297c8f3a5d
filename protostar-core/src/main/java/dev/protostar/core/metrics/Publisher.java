package dev.protostar.core.metrics;

import dev.protostar.core.api.DeployResult;
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

    /**
     * A Grafana annotation for a deploy or switch, if the spec names a Grafana; the token comes from
     * {@code env} ({@link AppSpec.Metrics#GRAFANA_TOKEN}).
     */
    public static void annotate(AppSpec spec, DeployResult result, java.util.function.UnaryOperator<String> env, Consumer<String> warn) {
        java.net.URI grafana = spec.metrics().grafana();
        if (grafana == null || result.app() == null) {
            return;
        }
        String token = env.apply(AppSpec.Metrics.GRAFANA_TOKEN);
        if (token == null || token.isBlank()) {
            warn.accept("metrics: no Grafana annotation: metrics.grafana is set, but " + AppSpec.Metrics.GRAFANA_TOKEN
                    + " holds no token (a Grafana service account token with the annotations:write permission)");
            return;
        }
        try {
            GrafanaAnnotation.post(grafana, token.strip(), result, System.currentTimeMillis());
        } catch (RuntimeException e) {
            warn.accept("metrics: " + e.getMessage());
        }
    }

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
