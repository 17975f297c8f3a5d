package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.RestartPolicy;
import dev.protostar.cli.Fixture;
import dev.protostar.cli.NginxContainer;
import dev.protostar.cli.SecondDockerd;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Exec;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.state.EngineLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults 3 and 6 on an engine of the test's own (a second dockerd, over TLS), with nginx in a container on it:
 * the engine restarts in each phase of a deploy, stays down for a while, and the whole host restarts (engine and
 * every container, nginx included). The engine runs with --live-restore, as the README asks for a main server:
 * without it an engine restart stops every container, the live color with it, whatever a deploy tool does.
 */
class EngineRestartFaultTest {
    private static SecondDockerd engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = new SecondDockerd(true);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    /** The engine restarts in each phase; how long after the phase's start. */
    private record Restart(Phase phase, long afterMillis) {}

    @Test
    void theEngineRestartingInAnyPhaseOrStayingDownOrTheHostRestartingLosesNothing() throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
        String app = "r" + run;
        String network = "protostar-test-" + run;
        String nginxName = "protostar-test-nginx-" + run;
        try (Docker far = Docker.connect(engine.endpoint());
             NginxContainer nginx = new NginxContainer(far, nginxName, network, Fixture.freePort(),
                     hc -> hc.withRestartPolicy(RestartPolicy.unlessStoppedRestart()))) {
            engine.allowForwarding(NginxContainer.bridgeName(network));
            Path source = tmp.resolve(app);
            SampleApp.write(source, "v1");
            Path spec = source.resolve("protostar.yml");
            // verify.timeout: after the host restart nginx may name addresses no container has any more; each try waits
            // out ARP (about 3 s) before the backup's, then nginx answers 502: longer than the default 5 s on a busy machine.
            Files.writeString(spec, nginx.spec(app, "listen: 8081", """
                    docker:
                      host: %s
                      tls:
                        ca: %s
                        cert: %s
                        key: %s
                    retire:
                      drain: 1s
                    verify:
                      timeout: 20s
                    """.formatted(engine.host(), engine.certs().resolve("ca.pem"), engine.certs().resolve("cert.pem"),
                    engine.certs().resolve("key.pem"))));
            try (Forwarder front = new Forwarder(nginxIp(far, nginxName, network), 8081)) {
                FaultRun.Target target = new FaultRun.Target(app, spec.toString(), front.url(), () -> {
                    try (Docker fresh = Docker.connect(engine.endpoint())) { // pooled connections die with the engine
                        var r = Exec.run(fresh, nginxName, List.of("cat", "/etc/nginx/conf.d/protostar-" + app + ".conf"),
                                Duration.ofSeconds(30));
                        return r.exitCode() == 0 ? r.stdout().getBytes(StandardCharsets.UTF_8) : null;
                    }
                }, List.of());
                assertEquals(Outcome.SUCCEEDED, deploy(spec, source, "v1", null).outcome());
                int version = 1;
                for (Restart restart : List.of(new Restart(Phase.BUILD, 200), new Restart(Phase.BOOT, 0), new Restart(Phase.GATE, 100),
                        new Restart(Phase.SWITCH, 0), new Restart(Phase.RETIRE, 0))) {
                    String during = "v" + (++version);
                    String next = "v" + (++version);
                    try (FaultRun fault = FaultRun.start("engine-restart-in-" + restart.phase().word(), target)) {
                        DeployResult r = deploy(spec, source, during, restart);
                        if (r.outcome() != Outcome.SUCCEEDED) {
                            assertNotNull(r.error());
                            FaultRun.nextStep(r.error());
                        }
                        System.out.println("  deploy under the restart in " + restart.phase() + ": " + r.outcome()
                                + (r.error() == null ? "" : " (" + r.error().lines().findFirst().orElse("") + ")"));
                        assertRecovers(spec, source, next, app);
                        fault.finish();
                        fault.noRequestFailed().lockFree();
                    }
                }

                // The engine goes down as the gate starts and stays down for 8 s, longer than the deploy takes to give up.
                try (FaultRun fault = FaultRun.start("engine-down-during-gate", target)) {
                    String during = "v" + (++version);
                    SampleApp.setVersion(source, during);
                    AtomicReference<Thread> starter = new AtomicReference<>();
                    AtomicReference<Exception> failed = new AtomicReference<>();
                    DeployResult r = Engine.deploy(new DeployRequest(spec.toString(), null, "test", during, null), e -> {
                        if (e.kind() == Event.Kind.STARTED && e.phase() == Phase.GATE && starter.get() == null) {
                            Thread t = new Thread(() -> {
                                try {
                                    Thread.sleep(8000);
                                    engine.start(true);
                                } catch (Exception x) {
                                    failed.set(x);
                                }
                            }, "engine-start");
                            starter.set(t);
                            try {
                                engine.stop();
                            } catch (InterruptedException x) {
                                failed.set(x);
                            }
                            t.start();
                        }
                    });
                    assertNotNull(starter.get(), "the deploy reached the gate");
                    starter.get().join(Duration.ofSeconds(120).toMillis());
                    if (failed.get() != null) {
                        throw failed.get();
                    }
                    assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
                    assertTrue(r.error().contains(engine.host()), "names the engine it could not reach: " + r.error());
                    FaultRun.nextStep(r.error());
                    System.out.println("  deploy while the engine was down: " + r.error().lines().findFirst().orElse(""));
                    assertRecovers(spec, source, "v" + (++version), app);
                    fault.finish();
                    fault.noRequestFailed().lockFree();
                }

                // The host restarts: the engine stops every container (no live restore), then starts again and
                // brings back what has a restart policy: nginx and both colors.
                // Switching live restore off stops the containers once (docker's rule); started again by hand, as an
                // operator would after that change. From here the engine stops its containers when it stops.
                String live = Engine.status(new VerifyRequest(spec.toString(), List.of())).live();
                engine.stop();
                engine.start(false);
                wake(far);
                for (String name : List.of(app + "-blue", app + "-green", nginxName)) {
                    far.run("start " + name, Duration.ofSeconds(30), () -> far.client().startContainerCmd(name).exec());
                }
                front.retarget(nginxIp(far, nginxName, network));
                awaitNginx(spec);
                assertEquals(Outcome.SUCCEEDED, Engine.switchTo(new SwitchRequest(spec.toString(), live, "test"), EventListener.NONE)
                        .outcome(), "the containers came back, possibly at other addresses: routed afresh");
                awaitAnswer(spec);
                try (FaultRun fault = FaultRun.start("host-restart", target)) {
                    engine.stop();
                    engine.start(false);
                    wake(far);
                    front.retarget(nginxIp(far, nginxName, network));
                    // nginx answers again, from the live color, or with a 502 when the containers came back at other
                    // addresses than its include names (verify then says so, below).
                    StatusReport status = awaitNginx(spec);
                    assertEquals(live, status.live(), "status reads the live color back from nginx after the restart");
                    System.out.println("  nginx answers after the host restart with: " + status.answering());
                    fault.finish();
                    System.out.println("  requests failed while the host was down (no tool can serve them): " + fault.failedRequests());
                    fault.lockFree();
                }
                // Docker may give the containers other addresses when they come back (it did in some runs). Make it
                // happen for sure: verify says so and what to do, and a switch to the live color routes it afresh.
                List<String> afterBoot = Engine.verify(new VerifyRequest(spec.toString(), List.of()), EventListener.NONE).problems();
                System.out.println("  verify after the host restart: " + (afterBoot.isEmpty() ? "clean" : afterBoot));
                afterBoot.forEach(FaultRun::nextStep);
                moveToAnotherAddress(far, app + "-" + live, network);
                List<String> moved = Engine.verify(new VerifyRequest(spec.toString(), List.of()), EventListener.NONE).problems();
                assertTrue(moved.stream().anyMatch(p -> p.contains("listens on")), "verify reports the stale address: " + moved);
                moved.forEach(FaultRun::nextStep);
                DeployResult repaired = Engine.switchTo(new SwitchRequest(spec.toString(), live, "test"), EventListener.NONE);
                assertEquals(Outcome.SUCCEEDED, repaired.outcome(), repaired.error());
                DeployResult again = Engine.switchTo(new SwitchRequest(spec.toString(), live, "test"), EventListener.NONE);
                assertEquals(Outcome.SUCCEEDED, again.outcome(), again.error());
                assertTrue(!again.phases().containsKey("switch"), "once routed afresh, a switch to the live color changes nothing: "
                        + again.phases());
                assertEquals(List.of(), Engine.verify(new VerifyRequest(spec.toString(), List.of()), EventListener.NONE).problems());
                try (FaultRun fault = FaultRun.start("served-after-host-restart", target)) {
                    FaultRun.pause(1500);
                    fault.finish();
                    fault.noRequestFailed().servedOnlyBy(live).lockFree();
                }
                try (FaultRun fault = FaultRun.start("deploy-after-host-restart", target)) {
                    assertRecovers(spec, source, "v" + (++version), app);
                    fault.finish();
                    fault.noRequestFailed().lockFree();
                }
                engine.stop();
                engine.start(true);
            } finally {
                wake(far);
                Fixture.removeApp(far, app);
                try (Docker d = Docker.connect(engine.endpoint())) {
                    EngineLock.release(d, app);
                }
            }
        } finally {
            try (Docker far = Docker.connect(engine.endpoint())) {
                NginxContainer.removeNetwork(far, network);
            }
        }
    }

    /** The next deploy succeeds, nginx serves it, verify is clean and the lock is free. */
    private static void assertRecovers(Path spec, Path source, String version, String app) throws Exception {
        DeployResult next = deploy(spec, source, version, null);
        assertEquals(Outcome.SUCCEEDED, next.outcome(), "the next deploy recovers: " + next.error());
        VerifyResult verified = Engine.verify(new VerifyRequest(spec.toString(), List.of()), EventListener.NONE);
        assertEquals(List.of(), verified.problems(), "verify after " + version);
        assertTrue(Engine.lockStatus(new VerifyRequest(spec.toString(), List.of())).values().stream().allMatch(h -> h.isEmpty()),
                app + "'s lock is free");
    }

    /** Deploys; with a restart, the engine restarts (with live restore) once that phase starts, and is back before this returns. */
    private static DeployResult deploy(Path spec, Path source, String version, Restart restart) throws Exception {
        SampleApp.setVersion(source, version);
        if (restart == null) {
            return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version, null), EventListener.NONE);
        }
        AtomicReference<Thread> restarter = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        DeployResult r = Engine.deploy(new DeployRequest(spec.toString(), null, "test", version, null), e -> {
            if (e.kind() == Event.Kind.STARTED && e.phase() == restart.phase() && restarter.get() == null) {
                Thread t = new Thread(() -> {
                    try {
                        Thread.sleep(restart.afterMillis());
                        engine.stop();
                        engine.start(true);
                    } catch (Exception x) {
                        failed.set(x);
                    }
                }, "engine-restart");
                restarter.set(t);
                t.start();
            }
        });
        assertNotNull(restarter.get(), "the deploy reached " + restart.phase() + "; it ended " + r.outcome() + ": " + r.error());
        restarter.get().join(Duration.ofSeconds(120).toMillis());
        if (failed.get() != null) {
            throw failed.get();
        }
        return r;
    }

    /**
     * What a restart can do to a container: it comes back with another address on its network. A placeholder takes
     * the old address (Docker hands out the lowest free one) before the container is connected again.
     */
    private static void moveToAnotherAddress(Docker docker, String container, String network) {
        Duration quick = Duration.ofSeconds(30);
        String image = docker.call("inspect " + container, quick, () -> docker.client().inspectContainerCmd(container).exec().getImageId());
        docker.run("disconnect " + container, quick, () -> docker.client().disconnectFromNetworkCmd().withNetworkId(network)
                .withContainerId(container).exec());
        String placeholder = container + "-placeholder";
        docker.run("create " + placeholder, quick, () -> docker.client().createContainerCmd(image).withName(placeholder)
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(network)).exec());
        docker.run("start " + placeholder, quick, () -> docker.client().startContainerCmd(placeholder).exec());
        docker.run("connect " + container, quick, () -> docker.client().connectToNetworkCmd().withNetworkId(network)
                .withContainerId(container).exec());
        docker.run("remove " + placeholder, quick, () -> docker.client().removeContainerCmd(placeholder).withForce(true).exec());
    }

    private static String nginxIp(Docker docker, String nginx, String network) {
        return docker.call("inspect nginx", Duration.ofSeconds(30), () -> docker.client().inspectContainerCmd(nginx).exec()
                .getNetworkSettings().getNetworks().get(network).getIpAddress());
    }

    /** Drops the client's pooled connections to the engine before the restart: the first call after one fails. */
    private static void wake(Docker docker) {
        for (int i = 0; i < 5; i++) {
            try {
                docker.ping();
                return;
            } catch (RuntimeException staleConnection) {
                // the pool drops it; the next try opens a new one
            }
        }
    }

    /** Waits until the engine answers and nginx answers HTTP at all (a 502 counts). */
    private static StatusReport awaitNginx(Path spec) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        StatusReport last = null;
        while (System.nanoTime() < until) {
            try {
                last = Engine.status(new VerifyRequest(spec.toString(), List.of()));
                if (last.answering() != null && !last.answering().startsWith("no answer")) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // the engine or nginx is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nginx did not answer within 60 s of the host restart: " + last);
    }

    private static StatusReport awaitAnswer(Path spec) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        StatusReport last = null;
        while (System.nanoTime() < until) {
            try {
                last = Engine.status(new VerifyRequest(spec.toString(), List.of()));
                if (last.answering() != null && last.answering().equals(last.live())) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // the engine or nginx is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nginx did not serve the live color within 60 s of the host restart: " + last);
    }
}
