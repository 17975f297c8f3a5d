package dev.protostar.core.engine;

import dev.protostar.core.Uninterrupted;
import dev.protostar.core.api.Phase;
import dev.protostar.core.docker.Labels;
import dev.protostar.core.docker.OneOffs;
import dev.protostar.core.http.Webhook;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.Durations;
import dev.protostar.core.spec.Hooks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the spec's hooks on one host of a deploy. beforeSwitch: after the gate, before the switch, each a one-off container
 * from the new image; the first that fails stops the deploy with nothing switched. afterSwitch: once the switch is
 * verified; a failure is a warning. A hook that runs once per change ({@code on: first}, the default) runs on the app's
 * first host only: the hosts share the app's database, and a migration must not run once per host.
 */
final class SwitchHooks {
    private static final int LAST_LINES = 20;

    private final Session s;
    private final String imageId;
    private final String imageName;
    private final Color color;

    /** @param color the color the new image boots as (its containers get it as PROTOSTAR_COLOR) */
    SwitchHooks(Session s, String imageId, String imageName, Color color) {
        this.s = s;
        this.imageId = imageId;
        this.imageName = imageName;
        this.color = color;
    }

    /**
     * Runs every beforeSwitch hook due on this host, in order; throws {@link StepFailed} naming the first that fails. The
     * first smoke request opens nginx's preview of {@code endpoint}, the new container; the switch ends it (and so does
     * the deploy's clean-up when it fails).
     *
     * @param smokeOnly a rollback's: only the smoke requests run (an older image's migrations would meet the newer schema)
     */
    void beforeSwitch(Optional<Route> live, String endpoint, boolean smokeOnly) {
        List<Hooks.Hook> due = due(s.spec.hooks().beforeSwitch(), "beforeSwitch").stream()
                .filter(h -> !smokeOnly || h instanceof Hooks.Smoke).toList();
        if (due.isEmpty()) {
            return;
        }
        s.timeline.run(Phase.BEFORE_SWITCH, () -> {
            boolean previewing = false;
            for (Hooks.Hook hook : due) {
                s.ensureHeld(); // a command whose lock was taken over must not migrate while another one changes the app
                if (hook instanceof Hooks.Smoke && !previewing) {
                    s.cutover.previewTo(live, endpoint);
                    previewing = true;
                    s.reach("smoke.previewed");
                }
                String problem = hook instanceof Hooks.Smoke smoke ? smoke(smoke, endpoint) : run(hook, "b");
                if (problem != null) {
                    throw new StepFailed(problem.lines().findFirst().orElse(problem)
                            + "\nNothing was switched. Fix what it names, then deploy again.",
                            problem.contains("\n") ? problem.substring(problem.indexOf('\n') + 1) : null);
                }
            }
        });
    }

    /** Runs every afterSwitch hook due on this host; returns what failed (each also reported as a warning), empty when all passed. */
    List<String> afterSwitch() {
        List<Hooks.Hook> due = due(s.spec.hooks().afterSwitch(), "afterSwitch");
        if (due.isEmpty()) {
            return List.of();
        }
        return s.timeline.run(Phase.AFTER_SWITCH, () -> {
            List<String> failed = new ArrayList<>();
            // A hook may rely on the previous version getting no new request (a schema's contraction, a purge).
            try {
                s.cutover.awaitOldWorkers(); // false: it warned, and the hooks run all the same
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.timeline.warn("stopped on request before the afterSwitch hooks ran; the switch stands: " + color + " is live.");
                failed.add("stopped on request before the afterSwitch hooks ran");
                return failed;
            }
            for (Hooks.Hook hook : due) {
                String problem;
                try {
                    problem = run(hook, "a");
                } catch (RuntimeException e) {
                    problem = hook.describe() + " failed: " + LockedCommand.describe(e);
                }
                if (problem != null) {
                    String first = problem.lines().findFirst().orElse(problem);
                    s.timeline.warn(problem + "\nThe switch stands: " + color + " is live.");
                    failed.add(first);
                }
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
            return failed;
        });
    }

    private List<Hooks.Hook> due(List<Hooks.Hook> hooks, String which) {
        List<Hooks.Hook> due = hooks.stream().filter(h -> h.eachHost() || s.firstHost).toList();
        if (due.size() < hooks.size()) {
            s.timeline.info("hooks." + which + ": " + (hooks.size() - due.size()) + " hook(s) ran on the first host only (on: first)");
        }
        return due;
    }

    /** Null when the hook passed, else what went wrong: one line naming the hook, then its last output lines, if any. */
    private String run(Hooks.Hook hook, String tag) {
        if (hook instanceof Hooks.Command c) {
            return command(c, tag);
        }
        return call((Hooks.Call) hook);
    }

    private String command(Hooks.Command c, String tag) {
        int index = s.spec.hooks().beforeSwitch().contains(c) ? s.spec.hooks().beforeSwitch().indexOf(c)
                : s.spec.hooks().afterSwitch().indexOf(c);
        // One name per change and hook: Docker refuses a second container of that name, so no hook runs twice for one change.
        String name = s.spec.app() + "-hook-" + s.id + "-" + tag + index;
        Map<String, String> labels = new LinkedHashMap<>(s.spec.container().labels());
        labels.put(Labels.APP, s.spec.app());
        labels.put(Labels.HOOK, c.field());
        labels.put(Labels.DEPLOY, s.id);
        Map<String, String> env = new LinkedHashMap<>(s.spec.env());
        env.put("PROTOSTAR_COLOR", color.word());
        env.put("PROTOSTAR_HOOK", c.name() == null ? c.field() : c.name());
        s.timeline.info(c.describe() + ": running " + String.join(" ", c.command()) + " in " + name + " from " + imageName
                + " (timeout " + Durations.words(c.timeout()) + ")");
        long t0 = s.clock.nanoTime();
        String id;
        try {
            id = s.oneOffs.start(s.spec, name, imageId, c.command(), env, labels);
        } catch (RuntimeException e) {
            removeQuietly(name);
            return c.describe() + " could not start: " + LockedCommand.describe(e);
        }
        Deque<String> last = new ArrayDeque<>();
        OneOffs.Ended ended;
        try {
            s.reach("hook.started");
            ended = s.oneOffs.await(id, c.timeout(), line -> {
                s.timeline.output(line);
                synchronized (last) {
                    last.addLast(line);
                    if (last.size() > LAST_LINES) {
                        last.removeFirst();
                    }
                }
            });
        } finally {
            removeQuietly(id);
        }
        String took = Durations.seconds((s.clock.nanoTime() - t0) / 1_000_000);
        String problem = switch (ended.how()) {
            case EXITED -> ended.exitCode() == 0 ? null : c.describe() + ": " + String.join(" ", c.command()) + " exited with code "
                    + ended.exitCode() + " after " + took;
            case TIMED_OUT -> c.describe() + ": " + String.join(" ", c.command()) + " did not finish within its timeout of "
                    + Durations.words(c.timeout()) + "; it was killed and removed";
            case INTERRUPTED -> c.describe() + ": stopped on request while it ran; it was killed and removed";
            case REMOVED -> c.describe() + ": its container " + name + " was removed while it ran (by a command that took the "
                    + "app's lock over?)";
        };
        if (problem == null) {
            s.timeline.info(c.describe() + " passed in " + took);
            return null;
        }
        synchronized (last) {
            return last.isEmpty() ? problem + " (it printed nothing)"
                    : problem + "\n  last output lines of " + name + ":\n" + HealthGate.indent(String.join("\n", last));
        }
    }

    private void removeQuietly(String nameOrId) {
        try {
            Uninterrupted.run(() -> s.oneOffs.remove(nameOrId));
        } catch (RuntimeException e) {
            s.timeline.warn("could not remove the hook container " + nameOrId + ": " + LockedCommand.describe(e)
                    + "; the next deploy or switch removes it");
        }
    }

    /** Null when the new container answered the smoke request through nginx's preview as expected, else what went wrong. */
    private String smoke(Hooks.Smoke h, String endpoint) {
        String what = h.describe() + ": GET " + s.router.url() + h.path() + " through nginx's preview of " + endpoint;
        Answer a = s.router.askPreview(h.path(), h.timeout());
        if (a.failure() != null) {
            return what + " failed: " + a.failure();
        }
        // The status first: wget in an nginx container reports an error status without the answer's headers.
        if (a.status() != h.status()) {
            return what + " answered " + a.status() + " (expected " + h.status() + ")";
        }
        if (!Cutover.previewed(a, endpoint)) {
            return what + " was answered by " + a.describe() + ", not by the new container";
        }
        s.timeline.info(what + " answered " + a.status());
        return null;
    }

    private String call(Hooks.Call c) {
        s.timeline.info(c.describe() + ": " + c.method() + " " + c.url());
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> headers.put(k, v.value()));
        Webhook.Answer a;
        try {
            a = Webhook.send(c.url(), c.method(), headers, c.body(), c.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return c.describe() + ": stopped on request before " + c.url() + " answered";
        }
        if (a.ok()) {
            s.timeline.info(c.describe() + ": " + c.url() + " answered " + a.status());
            return null;
        }
        if (a.failure() != null) {
            return c.describe() + ": " + c.method() + " " + c.url() + " failed: " + a.failure();
        }
        String body = a.body().strip();
        return c.describe() + ": " + c.method() + " " + c.url() + " answered " + a.status() + " (expected 2xx)"
                + (body.isEmpty() ? "" : "\n  its answer began:\n" + HealthGate.indent(body.lines().limit(LAST_LINES)
                        .collect(java.util.stream.Collectors.joining("\n"))));
    }

    /**
     * Removes the app's hook containers that commands which never finished left behind: under the lock no other
     * command of the app runs a hook, so every one found is a dead command's. One still running is killed: the command
     * that started it is gone, and nothing waits for its outcome.
     */
    static void removeLeftBehind(Session s) {
        List<OneOffs.Left> left;
        try {
            left = s.oneOffs.left(s.spec.app());
        } catch (RuntimeException e) {
            s.timeline.warn("could not look for hook containers left by earlier deploys: " + LockedCommand.describe(e));
            return;
        }
        for (OneOffs.Left l : left) {
            try {
                Uninterrupted.run(() -> s.oneOffs.remove(l.name()));
                s.timeline.warn("removed " + l.name() + ", the " + l.hook() + " hook container of deploy " + l.deployId()
                        + ", which did not finish" + ("running".equals(l.state()) ? " (it was still running: its command was cut short)"
                        : " (it was " + l.state() + ")"));
            } catch (RuntimeException e) {
                s.timeline.warn("could not remove " + l.name() + ", the hook container of deploy " + l.deployId() + ": "
                        + LockedCommand.describe(e));
            }
        }
    }
}
