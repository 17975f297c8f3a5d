package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a color's container is created with, for the options no test engine here can run (GPUs): the device request
 * {@code docker run --gpus} sends, as it goes to the engine in JSON.
 */
class HostSettingsTest {
    private static AppSpec spec(String container) {
        return SpecParser.parse("protostar.yml", "app: ml\ncontainer:\n" + container, Path.of("/srv/repo"));
    }

    @Test
    void allGpusIsTheDeviceRequestOfDockerRunGpusAll() throws Exception {
        HostConfig host = HostSettings.of(spec("  gpus: all\n"), ExposedPort.tcp(8000), -1);
        DeviceRequest gpu = host.getDeviceRequests().get(0);
        assertEquals(-1, gpu.getCount());
        assertEquals("", gpu.getDriver());
        assertEquals(List.of(List.of("gpu")), gpu.getCapabilities());
        String json = json(host);
        assertEquals(true, json.contains("\"DeviceRequests\":[{\"Driver\":\"\",\"Count\":-1,") , json);
        assertEquals(true, json.contains("\"Capabilities\":[[\"gpu\"]]"), json);
        assertEquals(2, HostSettings.of(spec("  gpus: 2\n"), ExposedPort.tcp(8000), -1).getDeviceRequests().get(0).getCount());
    }

    @Test
    void withoutGpusNoDeviceIsRequested() throws Exception {
        HostConfig host = HostSettings.of(spec("  init: true\n"), ExposedPort.tcp(8000), 0);
        assertEquals(true, host.getDeviceRequests() == null || host.getDeviceRequests().isEmpty());
        assertEquals(false, json(host).contains("\"gpu\""));
        assertEquals(true, host.getInit());
        assertEquals(0, host.getBinds() == null ? 0 : host.getBinds().length);
    }

    @Test
    void everyOptionReachesTheHostConfig() {
        HostConfig host = HostSettings.of(spec("""
                  volumes: ["models:/models:ro", "/srv/up:/up"]
                  memory: 256m
                  cpus: 0.5
                  logging: { driver: json-file, options: { max-size: 1m, max-file: 2 } }
                  extraHosts: ["db.internal:10.0.0.5"]
                  ulimits: { nofile: { soft: 1024, hard: 2048 } }
                  init: false
                """), ExposedPort.tcp(8000), 0);
        assertArrayEquals(new Bind[] {new Bind("models", new com.github.dockerjava.api.model.Volume("/models"), AccessMode.ro),
                new Bind("/srv/up", new com.github.dockerjava.api.model.Volume("/up"), AccessMode.rw)}, host.getBinds());
        assertEquals(256L << 20, host.getMemory());
        assertEquals(500_000_000L, host.getNanoCPUs());
        assertEquals("json-file", host.getLogConfig().getType().getType());
        assertEquals(Map.of("max-size", "1m", "max-file", "2"), host.getLogConfig().getConfig());
        assertArrayEquals(new String[] {"db.internal:10.0.0.5"}, host.getExtraHosts());
        assertArrayEquals(new Ulimit[] {new Ulimit("nofile", 1024L, 2048L)}, host.getUlimits());
        assertEquals(false, host.getInit());
    }

    private static String json(HostConfig host) throws Exception {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return config.getObjectMapper().writeValueAsString(host);
    }
}
