package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CrashPointFaultTest}'s router steps with nginx in a container: the include and its record go through the Docker API. */
class CrashPointContainerFaultTest {
    @TempDir
    Path tmp;

    /**
     * In nginx's container the record, the rename, test, reload and the record's removal are one exec, and the crash points
     * {@code .renamed} and {@code .reloaded} are reached after it: loaded, the record gone. A switch killed there is live,
     * as at {@code .confirmed}, and the next command finishes it from the app's intent. A switch back's loaded change is
     * the live color's anyway.
     */
    static CrashPointFaultTest.Point inContainer(CrashPointFaultTest.Point p) {
        return p.step().equals("switch.renamed") || p.step().equals("switch.reloaded") ? new CrashPointFaultTest.Point(p.step(), true, false) : p;
    }

    @Test
    void theSameWithNginxInAContainer() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        Docker docker = Docker.connect(Fixture.DOCKER);
        NginxContainer nginx = new NginxContainer(docker, "protostar-test-nginx-" + run, "protostar-test-" + run, Fixture.freePort());
        String app = "k" + run;
        String other = "l" + run;
        try {
            Path source = tmp.resolve(app);
            SampleApp.write(source, "v1");
            Path spec = source.resolve("protostar.yml");
            Files.writeString(spec, nginx.spec(app, "listen: 8081", "retire:\n  drain: 1s\n"));
            Path otherSource = tmp.resolve(other);
            SampleApp.write(otherSource, "s1");
            Path otherSpec = otherSource.resolve("protostar.yml");
            Files.writeString(otherSpec, nginx.spec(other, "listen: 80\n  serverName: " + other + ".test", "retire:\n  drain: 1s\n"));
            int[] s = {0};
            Callable<DeployResult> sibling = () -> {
                SampleApp.setVersion(otherSource, "s" + ++s[0]);
                return Engine.deploy(new DeployRequest(otherSpec.toString(), null, "test", "s" + s[0]), EventListener.NONE);
            };
            Callable<String> answer = () -> {
                HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + nginx.appPort, "/", null, Duration.ofSeconds(5));
                return r.status() + " " + r.body().strip();
            };
            Callable<List<String>> left = () -> nginx.exec("ls", "-a", "/etc/nginx/conf.d").stdout().lines()
                    .filter(n -> n.endsWith(".pending") || n.endsWith(".tmp")).toList();
            Callable<Integer> containers = () -> docker.call("list", Duration.ofSeconds(30), () -> docker.client().listContainersCmd()
                    .withShowAll(true).withLabelFilter(Map.of("dev.protostar.app", app)).exec()).size();
            CrashPointFaultTest.survivesEveryPoint(new CrashPointFaultTest.Subject(spec, source, answer, sibling, FaultRun.Target.of(app, spec, nginx), left, containers),
                    CrashPointFaultTest.POINTS.stream().filter(p -> p.step().startsWith("switch")).map(CrashPointContainerFaultTest::inContainer).toList());
        } finally {
            Fixture.removeApp(docker, app);
            Fixture.removeApp(docker, other);
            nginx.close();
            NginxContainer.removeNetwork(docker, nginx.network);
            docker.close();
        }
    }
}
