package dev.protostar.core.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.ContainerOptions;
import java.util.List;

/** The Docker host config a color's container is created with: its port, network, restart policy and the spec's options. */
final class HostSettings {
    private HostSettings() {}

    /** @param hostPort the port to publish on 127.0.0.1, 0 for one Docker picks, -1 to publish nothing */
    static HostConfig of(AppSpec spec, ExposedPort exposed, int hostPort) {
        ContainerOptions o = spec.container();
        HostConfig host = HostConfig.newHostConfig();
        if (hostPort >= 0) {
            Ports.Binding binding = hostPort > 0 ? Ports.Binding.bindIpAndPort("127.0.0.1", hostPort) : Ports.Binding.bindIp("127.0.0.1");
            host.withPortBindings(new PortBinding(binding, exposed));
        }
        host.withNetworkMode(spec.network())
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withInit(o.init());
        if (!o.volumes().isEmpty()) {
            host.withBinds(o.volumes().stream()
                    .map(v -> new Bind(v.source(), new Volume(v.target()), v.readOnly() ? AccessMode.ro : AccessMode.rw))
                    .toList());
        }
        if (o.memoryBytes() > 0) {
            host.withMemory(o.memoryBytes());
        }
        if (o.nanoCpus() > 0) {
            host.withNanoCPUs(o.nanoCpus());
        }
        if (o.logging() != null) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(o.logging().driver()), o.logging().options()));
        }
        if (o.gpus() != null) {
            // what `docker run --gpus all` (or --gpus N) sends
            host.withDeviceRequests(List.of(new DeviceRequest().withDriver("").withCount(o.gpus())
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        if (!o.extraHosts().isEmpty()) {
            host.withExtraHosts(o.extraHosts().toArray(String[]::new));
        }
        if (!o.ulimits().isEmpty()) {
            host.withUlimits(o.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        return host;
    }
}
