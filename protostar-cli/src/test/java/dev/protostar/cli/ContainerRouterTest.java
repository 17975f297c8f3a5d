package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.protostar.cli.demo.SampleApp;
import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.VerifyResult;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.engine.Engine;
import dev.protostar.core.http.HttpProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users' main server: nginx is a container on the same engine as the colors, on a user-defined
 * network, and everything (config, test, reload, health probes, drain) goes through the Docker API.
 */
class ContainerRouterTest {
    @TempDir
    Path tmp;

    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 31), 36);
    private final Docker docker = Docker.connect(Fixture.DOCKER);
    private final List<App> apps = new ArrayList<>();
    private NginxContainer nginx;

    /** One app behind the nginx container, with its own server_name. */
    final class App {
        final String name;
        final Path source;
        final Path spec;

        App(String suffix, String extra) throws Exception {
            this(suffix, extra, "listen: 80\n  serverName: %s.test");
        }

        /** @param listen the router's listen (and serverName) lines; %s is the app's name */
        App(String suffix, String extra, String listen) throws Exception {
            this.name = "c" + run + suffix;
            this.source = tmp.resolve(name);
            this.spec = source.resolve("protostar.yml");
            SampleApp.write(source, "v1");
            Files.writeString(spec, nginx.spec(name, listen.formatted(name), extra == null ? "retire:\n  drain: 1s\n" : extra));
            apps.add(this);
        }

        DeployResult deploy(String version) throws Exception {
            SampleApp.setVersion(source, version);
            return Engine.deploy(new DeployRequest(spec.toString(), null, "test", version), EventListener.NONE);
        }

        /** What nginx answers for this app through its published port, e.g. "200 v1 blue". */
        String answer() throws Exception {
            HttpProbe.Response r = HttpProbe.get("http://127.0.0.1:" + nginx.port, "/", name + ".test", Duration.ofSeconds(5));
            return r.status() + " " + r.body().strip();
        }

        String include() {
            return nginx.exec("cat", "/etc/nginx/conf.d/protostar-" + name + ".conf").stdout();
        }
    }

    @BeforeEach
    void startNginx() throws Exception {
        nginx = new NginxContainer(docker, "protostar-test-nginx-" + run, "protostar-test-" + run, Fixture.freePort());
    }

    @AfterEach
    void cleanUp() {
        for (App a : apps) {
            Fixture.removeApp(docker, a.name);
        }
        nginx.close();
        NginxContainer.removeNetwork(docker, nginx.network);
        docker.close();
    }

    @Test
    void cutoverAndRollbackThroughTheDockerApiOnly() throws Exception {
        App a = new App("a", null);
        DeployResult first = a.deploy("v1");
        assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
        assertEquals("200 v1 blue", a.answer());

        DeployResult second = a.deploy("v2");
        assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error());
        assertEquals("200 v2 green", a.answer());
        assertTrue(a.include().contains("color=green"), a.include());

        // nginx reaches the colors over the app's network; nothing is published on the host.
        InspectContainerResponse green = docker.client().inspectContainerCmd(a.name + "-green").exec();
        assertTrue(green.getNetworkSettings().getNetworks().containsKey(nginx.network));
        assertTrue(green.getHostConfig().getPortBindings() == null || green.getHostConfig().getPortBindings().getBindings().isEmpty(),
                "no published port");

        long before = nowNanos();
        DeployResult back = Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), EventListener.NONE);
        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        assertEquals("200 v1 blue", a.answer());
        // The change is one exec, with no copy into the container: record, next include, rename, test, reload, removal.
        long after = nowNanos();
        List<String> execs = execsInNginx(before, after);
        assertEquals(List.of(), eventsInNginx(before, after, "extract-to-dir"), "nothing copied into nginx's container");
        assertEquals(List.of(), eventsInNginx(before, after, "archive-path"), "the include directory is not read: the deploy before "
                + "it, in this process, left it as its change made it, nobody else held the app's lock since, and the exec checks it");
        assertTrue(changingOrChecked(execs), execs.toString());
        assertTrue(execs.stream().noneMatch(e -> e.contains("for t in curl wget")),
                "the client is known from this process's earlier commands on the same container: " + execs);
        List<String> changing = execs.stream().filter(e -> e.contains("mv -f") || e.contains("reload") || e.contains(".pending")).toList();
        assertEquals(1, changing.size(), execs.toString());
        assertTrue(changing.get(0).contains("mv -f") && changing.get(0).contains("'nginx' '-t'") && changing.get(0).contains("'-s' 'reload'")
                && changing.get(0).contains(".pending"), changing.get(0));
        VerifyResult v = Engine.verify(a.spec.toString(), EventListener.NONE);
        assertTrue(v.ok(), v.problems().toString());
    }

    /**
     * What the last command of this process left of nginx's include directory is used only while nobody else held the app's
     * lock in between, and only while nginx serves as it says.
     */
    @Test
    void theDirectoryAsTheLastCommandLeftItIsReadAgainAfterAnotherHolderOrAHandEdit() throws Exception {
        App a = new App("k", null);
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        assertEquals(Outcome.SUCCEEDED, a.deploy("v2").outcome());
        assertEquals("200 v2 green", a.answer());

        // Another process took the app's lock (and changed nothing): the next command reads the directory.
        dev.protostar.core.state.EngineLock.acquire(docker, a.name, "another process", Duration.ofMinutes(1)).close();
        long before = nowNanos();
        DeployResult back = Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), EventListener.NONE);
        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        assertEquals("200 v1 blue", a.answer());
        assertEquals(1, eventsInNginx(before, nowNanos(), "archive-path").size(), "read once, by discover");

        // By hand: the include routes to green and nginx reloaded it. What serves now is what the next command starts from.
        String include = a.include();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" endpoint=(\\S+) backup=(\\S+) ").matcher(include);
        assertTrue(m.find(), include);
        String blue = m.group(1);
        String green = m.group(2);
        String edited = include.replace(blue, "\0").replace(green, blue).replace("\0", green)
                .replace("color=blue", "color=green").replace("\"blue\"", "\"green\"");
        Archive.put(docker, nginx.name, "/etc/nginx/conf.d", "protostar-" + a.name + ".conf", edited.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        assertEquals(0, nginx.exec("nginx", "-s", "reload").exitCode());
        for (int i = 0; i < 100 && !a.answer().equals("200 v2 green"); i++) {
            Thread.sleep(50);
        }
        assertEquals("200 v2 green", a.answer());

        DeployResult again = Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), EventListener.NONE);
        assertEquals(Outcome.SUCCEEDED, again.outcome(), again.error());
        assertEquals("blue", again.color(), "previous of the green that served, not of the blue the kept directory named");
        assertEquals("200 v1 blue", a.answer());
    }

    private static boolean changingOrChecked(List<String> execs) {
        return execs.stream().anyMatch(e -> e.contains("protostar-*.conf") && e.contains("mv -f"));
    }

    /** The engine's clock, which its events are stamped with. */
    private long nowNanos() {
        java.time.Instant now = java.time.OffsetDateTime.parse(docker.client().infoCmd().exec().getSystemTime()).toInstant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * What a command killed during the one-exec change leaves: the exec goes on in the container without its client, so
     * the script finishes. The client here stops waiting (and closes its stream) while the command sleeps; the command
     * writes to both its streams after that, as the script does.
     */
    @Test
    void anExecGoesOnInTheContainerAfterItsClientLeft() throws Exception {
        String mark = "/tmp/exec-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        boolean gaveUp = false;
        try {
            dev.protostar.core.docker.Exec.run(docker, nginx.name, List.of("sh", "-c", "touch " + mark + ".started; sleep 3; echo out; echo err >&2; touch "
                    + mark + ".finished"), Duration.ofSeconds(1), true);
        } catch (dev.protostar.core.docker.DockerException expected) {
            gaveUp = true;
        }
        assertTrue(gaveUp, "the client stopped waiting before the command ended");
        assertEquals(0, nginx.exec("sh", "-c", "test -e " + mark + ".started").exitCode(), "it ran");
        boolean finished = false;
        for (int i = 0; i < 60 && !finished; i++) { // up to 30 s on a loaded machine
            Thread.sleep(500);
            finished = nginx.exec("sh", "-c", "test -e " + mark + ".finished").exitCode() == 0;
        }
        assertTrue(finished, "the command finished in the container after its client left");
    }

    /** The commands of the execs started in the nginx container between the two times, as the engine's events name them. */
    private List<String> execsInNginx(long since, long until) throws InterruptedException {
        return eventsInNginx(since, until, "exec_create: ").stream().map(a -> a.substring("exec_create: ".length())).toList();
    }

    /** The actions of the nginx container's events between the two times that begin with {@code action}. */
    private List<String> eventsInNginx(long since, long until, String action) throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        try (com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Event> cb = docker.client().eventsCmd()
                .withSince(since / 1_000_000_000L + "." + String.format("%09d", since % 1_000_000_000L))
                .withUntil(until / 1_000_000_000L + "." + String.format("%09d", until % 1_000_000_000L))
                .withContainerFilter(nginx.name)
                .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Event e) {
                        if (e.getAction() != null && e.getAction().startsWith(action)) {
                            synchronized (out) {
                                out.add(e.getAction());
                            }
                        }
                    }
                })) {
            assertTrue(cb.awaitCompletion(30, TimeUnit.SECONDS));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Issue 14, point 5: with nginx in a container the metrics file is written on the engine's host through the engine. */
    @Test
    void theTextfileIsWrittenThroughTheEngine() throws Exception {
        Path textfile = Files.createDirectories(tmp.resolve("textfile"));
        App a = new App("m", "retire:\n  drain: 1s\nmetrics:\n  textfileDir: " + textfile + "\n");
        DeployResult first = a.deploy("v1");
        assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
        DeployResult second = a.deploy("v2");
        assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error());
        DeployResult back = Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), EventListener.NONE);
        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());

        Path file = textfile.resolve("protostar-" + a.name + ".prom");
        String text = Files.readString(file);
        String labels = "app=\"" + a.name + "\",docker_host=\"" + Fixture.DOCKER + "\"";
        assertTrue(text.contains("protostar_deploys_total{" + labels + ",outcome=\"succeeded\"} 2.0\n"), text);
        assertTrue(text.contains("protostar_rollbacks_total{" + labels + ",outcome=\"succeeded\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_live_color{app=\"" + a.name + "\",color=\"blue\",docker_host=\"" + Fixture.DOCKER + "\"} 1.0\n"), text);
        assertTrue(text.contains("protostar_drift_problems{" + labels + "} 0.0\n"), text);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "node_exporter need not run as root to read it");
        try (var files = Files.list(textfile)) {
            assertEquals(List.of(file), files.toList(), "no temp file left");
        }
    }

    @Test
    void anNginxContainerThatCannotProbeIsNamedInDiscoverBeforeAnythingStarts() throws Exception {
        // the image's only HTTP client goes (as root: nginx itself runs unprivileged)
        String exec = docker.client().execCreateCmd(nginx.name).withUser("0").withCmd("rm", "/bin/wget").exec().getId();
        docker.client().execStartCmd(exec).start().awaitCompletion(30, TimeUnit.SECONDS);
        App a = new App("a", null);
        DeployResult r = a.deploy("v1");
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, r.outcome(), r.error());
        assertEquals(Phase.DISCOVER, r.failedPhase(), r.error());
        assertTrue(r.error().contains("neither curl nor wget"), r.error());
        assertTrue(docker.client().listContainersCmd().withShowAll(true).withNameFilter(List.of(a.name + "-")).exec().isEmpty(),
                "no color was started");
    }

    @Test
    void anUnhealthyVersionNeverGetsTrafficAndABrokenNginxConfigChangesNothing() throws Exception {
        App a = new App("a", null);
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        String before = a.include();

        DeployResult sick = a.deploy("v2-unhealthy");
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, sick.outcome());
        assertEquals(Phase.GATE, sick.failedPhase());
        assertEquals("200 v1 blue", a.answer());

        assertEquals(0, nginx.exec("sh", "-c", "echo 'upstream oops { server 127.0.0.1:1 max_fails=abc; }' > /etc/nginx/conf.d/zz-hand.conf").exitCode());
        DeployResult broken = a.deploy("v3");
        assertEquals(Outcome.FAILED_BEFORE_SWITCH, broken.outcome());
        assertEquals(Phase.SWITCH, broken.failedPhase());
        assertTrue(broken.error().contains("max_fails=abc"), broken.error());
        assertEquals(before, a.include(), "the previous include is back");
        assertEquals("200 v1 blue", a.answer());
    }

    @Test
    void threeAppsDeployAtTheSameMomentAndAllEndCorrect() throws Exception {
        List<App> three = List.of(new App("front", null), new App("nest", null), new App("fastapi", null));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (String version : List.of("v1", "v2")) {
                long t0 = System.nanoTime();
                List<Future<DeployResult>> running = new ArrayList<>();
                for (App a : three) {
                    running.add(pool.submit(() -> a.deploy(version)));
                }
                StringBuilder timings = new StringBuilder();
                for (int i = 0; i < three.size(); i++) {
                    DeployResult r = running.get(i).get(3, TimeUnit.MINUTES);
                    assertEquals(Outcome.SUCCEEDED, r.outcome(), three.get(i).name + ": " + r.error());
                    timings.append(String.format("  %s %s: %.2f s %s%n", three.get(i).name, version, r.millis() / 1000.0, r.phases()));
                }
                System.out.printf("three apps deployed %s at once in %.2f s wall time:%n%s", version,
                        (System.nanoTime() - t0) / 1e9, timings);
                String color = version.equals("v1") ? "blue" : "green";
                for (App a : three) {
                    assertEquals("200 " + version + " " + color, a.answer(), a.name);
                    assertTrue(a.include().contains("color=" + color), a.include());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(nginx.exec("ls", "-a", "/etc/nginx/conf.d").stdout().contains(".tmp"), "no temp file left behind");
    }

    /**
     * Changes that queue together in one process go in turn, one exec each, each starting from the directory as the one
     * before it left it: a group loaded together would copy the directory out and each include in (2.7-4.4 s for two or
     * three apps under load, against 0.3 s an exec), and a change that started from its own read before the lock would
     * find it stale and copy the directory out again. The test holds nginx's router lock while the three switches reach
     * it, so that they queue behind one leader.
     */
    @Test
    void switchesQueuedTogetherGoInTurnOneExecEachWithoutACopy() throws Exception {
        List<App> three = List.of(new App("ta", null), new App("tb", null), new App("tc", null));
        for (App a : three) {
            for (String v : List.of("v1", "v2")) {
                DeployResult r = a.deploy(v);
                assertEquals(Outcome.SUCCEEDED, r.outcome(), a.name + ": " + r.error());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        dev.protostar.core.state.EngineLock routerLock = dev.protostar.core.state.EngineLock.acquire(docker, "router." + nginx.name,
                "test", Duration.ofMinutes(2));
        boolean released = false;
        try {
            java.util.concurrent.CountDownLatch switching = new java.util.concurrent.CountDownLatch(3);
            EventListener atSwitch = e -> {
                if (e.kind() == dev.protostar.core.api.Event.Kind.STARTED && e.phase() == Phase.SWITCH) {
                    switching.countDown();
                }
            };
            List<Future<DeployResult>> backs = new ArrayList<>();
            for (App a : three) {
                backs.add(pool.submit(() -> Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), atSwitch)));
            }
            assertTrue(switching.await(2, TimeUnit.MINUTES), "the three reach their switch");
            Thread.sleep(2000); // from their switch phase to the queue; one that comes later goes in a hold of its own
            long before = nowNanos(); // their discovers are over (each may have read the directory: not what this is about)
            routerLock.close();
            released = true;
            for (int i = 0; i < 3; i++) {
                DeployResult r = backs.get(i).get(3, TimeUnit.MINUTES);
                assertEquals(Outcome.SUCCEEDED, r.outcome(), three.get(i).name + ": " + r.error());
                assertEquals("200 v1 blue", three.get(i).answer(), three.get(i).name);
            }
            long after = nowNanos();
            assertEquals(List.of(), eventsInNginx(before, after, "extract-to-dir"), "no include copied in: each change is one exec");
            assertEquals(List.of(), eventsInNginx(before, after, "archive-path"), "the directory is not copied out: each change "
                    + "starts from the directory as the one before it left it, and its exec checks that");
        } finally {
            if (!released) {
                routerLock.close();
            }
            pool.shutdownNow();
        }
    }

    /**
     * A change of the app that another holder of its lock left half done (renamed, never reloaded) is put back by the next
     * command's discover from the directory as it is, never from what this process's own last change left (which has no
     * records): right after a deploy in this process, that would read the dead change's include as the live route.
     */
    @Test
    void discoverPutsBackTheAppsOwnDeadChangeRightAfterAChangeOfThisProcess() throws Exception {
        App a = new App("d", null);
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        assertEquals(Outcome.SUCCEEDED, a.deploy("v2").outcome());
        String green = a.include();
        // Another process held the app's lock and died after renaming its include to blue, before the reload.
        dev.protostar.core.state.EngineLock.on(docker).take(a.name, "a_dead_switch", Duration.ofMinutes(1)).close();
        String record = "# protostar-pending app=" + a.name + " who=a_dead_switch restore=below\n" + green + "# protostar-pending-end\n";
        Archive.put(docker, nginx.name, "/etc/nginx/conf.d", ".protostar-" + a.name + ".pending",
                record.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0600);
        Archive.put(docker, nginx.name, "/etc/nginx/conf.d", "protostar-" + a.name + ".conf",
                green.replace("color=green", "color=blue").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);

        DeployResult back = Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"), EventListener.NONE);

        assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
        assertEquals("200 v1 blue", a.answer());
        assertFalse(nginx.exec("ls", "-a", "/etc/nginx/conf.d").stdout().contains(".pending"), "the record went");
    }

    @Test
    void verifyAndStatusNameEveryDriftInWords() throws Exception {
        App a = new App("a", null);
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        assertEquals(Outcome.SUCCEEDED, a.deploy("v2").outcome());
        VerifyRequest request = new VerifyRequest(a.spec.toString(), List.of());
        assertTrue(Engine.drift(request).isEmpty(), Engine.drift(request).toString());

        // Someone edits the include inside the nginx container (docker cp; no reload).
        Archive.put(docker, nginx.name, "/etc/nginx/conf.d", "protostar-" + a.name + ".conf",
                (a.include() + "# tuned by hand\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        // Someone starts a debugging copy carrying the app's labels.
        String blueImage = docker.client().inspectContainerCmd(a.name + "-blue").exec().getImageId();
        docker.client().createContainerCmd(blueImage).withName(a.name + "-debug")
                .withLabels(Map.of(Labels.APP, a.name, Labels.COLOR, "green")).exec();
        // Someone replaces the live green container with one of the old image.
        docker.client().removeContainerCmd(a.name + "-green").withForce(true).exec();
        String replaced = docker.client().createContainerCmd(blueImage).withName(a.name + "-green")
                .withLabels(Map.of(Labels.APP, a.name, Labels.COLOR, "green"))
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(nginx.network)).exec().getId();
        docker.client().startContainerCmd(replaced).exec();

        List<String> drift = Engine.drift(request);
        String all = String.join("\n", drift);
        assertTrue(all.contains("edited by hand"), all);
        assertTrue(all.contains("an unknown container " + a.name + "-debug carries the labels of " + a.name), all);
        assertTrue(all.contains(a.name + "-green runs image"), all);
        VerifyResult v = Engine.verify(a.spec.toString(), EventListener.NONE);
        assertFalse(v.ok());
        assertTrue(v.problems().containsAll(drift), v.problems().toString());
    }

    /** The risky path again, with nginx in a container: the old color is stopped once nginx has no connection to it. */
    @Test
    void noRequestFailsUnderLoadWhenTheOldColorIsStopped() throws Exception {
        App a = new App("load", "retire:\n  drain: 5s\n  previous: stop\n  stopTimeout: 10s\n", "listen: 8081");
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        Load load = new Load("http://127.0.0.1:" + nginx.appPort, 5_000, Duration.ofSeconds(120));
        try (load) {
            Thread.sleep(300);
            assertEquals(Outcome.SUCCEEDED, a.deploy("v2").outcome());
            assertEquals(Outcome.SUCCEEDED, Engine.switchTo(new SwitchRequest(a.spec.toString(), "previous", "test"),
                    EventListener.NONE).outcome());
            assertEquals(Outcome.SUCCEEDED, a.deploy("v3").outcome());
            Thread.sleep(300);
        }
        int sent = load.sent.get();
        System.out.printf("load through nginx in a container across 2 cutovers and 1 rollback (previous stopped): "
                + "%d requests, %d failed, answered by %s%n", sent, load.failures.size(), load.servedBy);
        assertEquals(List.of(), load.failures.subList(0, Math.min(10, load.failures.size())),
                load.failures.size() + " of " + sent + " requests failed");
        assertTrue(sent > 200, "the load ran during the cutovers: " + sent + " requests");
        assertTrue(load.servedBy.containsKey("blue") && load.servedBy.containsKey("green"), load.servedBy.toString());
    }

    @Test
    void anAppWithoutAServerNameOnAnotherAppsListenIsRefused() throws Exception {
        App a = new App("a", null);
        assertEquals(Outcome.SUCCEEDED, a.deploy("v1").outcome());
        App b = new App("b", null, "listen: 80");
        DeployResult refused = b.deploy("v1");
        assertFalse(refused.ok(), "the second app's deploy was refused");
        assertTrue(refused.error().contains("router.listen 80 of " + b.name + " overlaps router.listen 80 of " + a.name
                + " on the same nginx and " + b.name + " has no router.serverName"), refused.error());
        assertEquals("", b.include(), "no include was written for the second app");
        assertEquals("200 v1 blue", a.answer());
    }
}
