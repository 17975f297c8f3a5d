package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 8: the router's config cannot be written. For real, not with a stand-in: the nginx container's conf.d on
 * a 64 KiB tmpfs volume (Docker mounts it, so this runs wherever the tests' Docker engine runs as root) filled up
 * before the deploy; and the host nginx's include directory on a tmpfs mounted by the test, first full, then
 * read-only (skipped where the test may not mount). Each time: the old include is intact byte for byte and nginx
 * keeps serving the old color.
 */
class RouterWriteFailsFaultTest {
    private static final String CONF_D = "/etc/nginx/conf.d";

    @TempDir
    Path tmp;

    @Test
    void aFullConfDirInTheNginxContainerLeavesTheOldIncludeServing() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        String volume = "protostar-test-confd-" + run;
        String app = "w" + run;
        Docker docker = Docker.connect(Fixture.DOCKER);
        NginxContainer nginx = null;
        try {
            docker.run("create volume", Duration.ofSeconds(30), () -> docker.client().createVolumeCmd().withName(volume)
                    .withDriver("local").withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=64k,mode=0777"))
                    .withLabels(Map.of("dev.protostar.test", "faults")).exec());
            nginx = new NginxContainer(docker, "protostar-test-nginx-" + run, "protostar-test-" + run, Fixture.freePort(),
                    hc -> hc.withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(CONF_D))));
            Path source = tmp.resolve(app);
            SampleApp.write(source, "v1");
            Path spec = source.resolve("protostar.yml");
            Files.writeString(spec, nginx.spec(app, "listen: 8081", "retire:\n  drain: 1s\n"));
            DeployResult first = deploy(spec, "v1");
            assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());

            Exec.Result fill = nginx.exec("sh", "-c", "cat /dev/zero > " + CONF_D + "/fill.bin");
            assertNotEquals(0, fill.exitCode(), "the tmpfs filled up: " + fill.output());
            assertTrue(fill.output().contains("No space left on device"), fill.output());

            try (FaultRun f = FaultRun.start("router-disk-full-container", FaultRun.Target.of(app, spec, nginx))) {
                DeployResult r = deploy(spec, "v2");
                f.finish();
                f.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                assertFalse(exists(docker, app + "-green"), "the new color that never got traffic was removed");
                f.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.SWITCH, "cannot write the nginx include",
                        "no space left on device", "nothing was reloaded");
            }
            String left = nginx.exec("ls", "-a", CONF_D).stdout();
            System.out.println("conf.d after the failed write: " + left.strip().replace('\n', ' '));
            assertFalse(left.lines().anyMatch(n -> n.endsWith(".conf") && !n.equals("protostar-" + app + ".conf")),
                    "no other *.conf appeared: " + left);

            nginx.exec("rm", "-f", CONF_D + "/fill.bin");
            DeployResult again = deploy(spec, "v2");
            assertEquals(Outcome.SUCCEEDED, again.outcome(), "with room again: " + again.error());
            assertEquals("200 v2 green", answer("http://127.0.0.1:" + nginx.appPort));
            // A failed copy removes its temp file (nginx never reads it, but it would take room on a full file system).
            String after = nginx.exec("ls", "-a", CONF_D).stdout();
            assertTrue(after.lines().noneMatch(n -> n.endsWith(".tmp")), "no temp file of the failed write is left: " + after);
        } finally {
            Fixture.removeApp(docker, app);
            if (nginx != null) {
                nginx.close();
                NginxContainer.removeNetwork(docker, nginx.network);
            }
            docker.run("remove volume", Duration.ofSeconds(30), () -> {
                try {
                    docker.client().removeVolumeCmd(volume).exec();
                } catch (NotFoundException gone) {
                    // never created
                }
            });
            docker.close();
        }
    }

    @Test
    void aFullThenReadOnlyIncludeDirOnTheHostLeavesTheOldIncludeServing() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            Path dir = f.nginx.includeDir();
            assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", dir.toString()) == 0,
                    "this test mounts a tmpfs on the include directory (root with CAP_SYS_ADMIN)");
            try {
                assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
                Path fill = dir.resolve("fill.bin");
                fillUp(fill);
                try (FaultRun run = FaultRun.start("router-disk-full-host", FaultRun.Target.of(f))) {
                    DeployResult r = f.deploy("v2");
                    run.finish();
                    run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                    assertFalse(f.exists("green"));
                    run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.SWITCH, "cannot write the nginx include",
                            "no space left on device", "nothing was reloaded");
                }
                try (var files = Files.list(dir)) {
                    assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
                }

                Files.delete(fill);
                assertEquals(0, run("mount", "-o", "remount,ro", dir.toString()));
                try (FaultRun run = FaultRun.start("router-read-only-host", FaultRun.Target.of(f))) {
                    DeployResult r = f.deploy("v2");
                    run.finish();
                    run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                    assertFalse(f.exists("green"));
                    run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.SWITCH, "read-only file system", "nothing was reloaded");
                }

                assertEquals(0, run("mount", "-o", "remount,rw", dir.toString()));
                DeployResult again = f.deploy("v2");
                assertEquals(Outcome.SUCCEEDED, again.outcome(), "writable again: " + again.error());
                assertEquals("200 v2 green", f.answer());
            } finally {
                if (run("umount", dir.toString()) != 0) {
                    run("umount", "-l", dir.toString());
                }
            }
        }
    }

    private static DeployResult deploy(Path spec, String version) throws IOException {
        SampleApp.setVersion(spec.getParent(), version);
        return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version), EventListener.NONE);
    }

    private static String answer(String url) throws IOException {
        HttpProbe.Response r = HttpProbe.get(url, "/", null, Duration.ofSeconds(5));
        return r.status() + " " + r.body().strip();
    }

    private static boolean exists(Docker docker, String container) {
        return docker.call("inspect", Duration.ofSeconds(30), () -> {
            try {
                docker.client().inspectContainerCmd(container).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    /** Writes zeros until the file system says it is full. */
    private static void fillUp(Path file) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
            return;
        }
        throw new AssertionError("4 MB fit into a 64 KiB tmpfs");
    }

    private static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", argv) + ": " + out.strip());
        }
        return p.exitValue();
    }
}
