package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With nginx in a container, a change starts from the include directory as its command's discover read it, and its one
 * exec checks first that the directory is still so. Here the directory changes in between: a deploy is paused right
 * before its exec while a dead change's record (of another app) appears. The exec changes nothing, and the change
 * starts again from a read under the router lock: the dead change is settled first, then the deploy goes live.
 */
class ReadBeforeTheLockFaultTest {
    @TempDir
    Path tmp;

    @Test
    void aDeadChangesRecordThatAppearsAfterDiscoverIsSettledBeforeTheChange() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        Docker docker = Docker.connect(Fixture.DOCKER);
        NginxContainer nginx = new NginxContainer(docker, "protostar-test-nginx-" + run, "protostar-test-" + run, Fixture.freePort());
        String app = "r" + run;
        try {
            Path source = tmp.resolve(app);
            SampleApp.write(source, "v1");
            Path spec = source.resolve("protostar.yml");
            Files.writeString(spec, nginx.spec(app, "listen: 8081", "retire:\n  drain: 1s\n"));
            assertEquals(Outcome.SUCCEEDED, deploy(spec, "v1").outcome());
            SampleApp.setVersion(source, "v2");
            assertEquals(Outcome.SUCCEEDED, deploy(spec, "v2").outcome());
            assertEquals("200 v2 green", answer(nginx));

            SampleApp.setVersion(source, "v3");
            Process paused = DeployProcess.start(spec.toString(), "v3", "switch.recorded:pause");
            try {
                assertTrue(CrashPointFaultTest.awaitStopped(paused.pid(), 180), "the deploy paused right before its one exec");
                // Another app's change died after its record and its include: what the next change on this nginx puts back.
                assertEquals(0, nginx.exec("sh", "-c", "printf 'server { listen 8099; return 204; }\\n' > /etc/nginx/conf.d/protostar-zz.conf"
                        + " && printf '# protostar-pending app=zz who=a_dead_deploy restore=absent\\n# protostar-pending-end\\n'"
                        + " > /etc/nginx/conf.d/.protostar-zz.pending").exitCode());
                new ProcessBuilder("kill", "-CONT", Long.toString(paused.pid())).start().waitFor(10, TimeUnit.SECONDS);
                // Its exec found the directory changed and did nothing: the change is made again, and its record with it.
                assertTrue(CrashPointFaultTest.awaitStopped(paused.pid(), 180), "the change started again from a read under the lock");
                new ProcessBuilder("kill", "-CONT", Long.toString(paused.pid())).start().waitFor(10, TimeUnit.SECONDS);
                String result = CrashPointFaultTest.resultOf(paused);
                assertTrue(result.contains("RESULT SUCCEEDED"), result);
            } finally {
                if (paused.isAlive()) {
                    new ProcessBuilder("kill", "-CONT", Long.toString(paused.pid())).start().waitFor(10, TimeUnit.SECONDS);
                    paused.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
            assertEquals("200 v3 blue", answer(nginx));
            List<String> left = nginx.exec("ls", "-a", "/etc/nginx/conf.d").stdout().lines()
                    .filter(n -> n.startsWith(".protostar-") || n.equals("protostar-zz.conf")).toList();
            assertEquals(List.of(), left, "the dead change was settled (its include removed, its record gone) before the deploy's change");
            VerifyResult v = Engine.verify(spec.toString(), EventListener.NONE);
            assertEquals(List.of(), v.problems());
        } finally {
            Fixture.removeApp(docker, app);
            nginx.close();
            NginxContainer.removeNetwork(docker, nginx.network);
            docker.close();
        }
    }

    private static DeployResult deploy(Path spec, String revision) {
        return Engine.deploy(new DeployRequest(spec.toString(), null, "test", revision), EventListener.NONE);
    }

    private static String answer(NginxContainer nginx) throws Exception {
        HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + nginx.appPort, "/", null, Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }
}
