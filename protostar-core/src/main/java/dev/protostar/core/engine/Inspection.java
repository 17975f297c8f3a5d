package dev.protostar.core.engine;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.router.Answer;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status} reads on one host, without changing anything: the route, the colors' containers, the lock, one
 * request through nginx, and what is wrong among them in words.
 */
final class Inspection {
    private Inspection() {}

    static StatusReport.HostState of(Session s, String host, boolean oneOfSeveralHosts) {
        String app = s.spec.app();
        Optional<Route> live = s.router.current(app);
        List<StatusReport.ColorState> colors = new ArrayList<>();
        for (Color c : Color.values()) {
            Optional<ColorContainer> found = s.containers.find(s.spec, c);
            boolean isLive = live.map(r -> r.color() == c).orElse(false);
            colors.add(found.map(f -> new StatusReport.ColorState(c.word(), f.name(), f.state(), f.health(), f.imageName(),
                            f.endpoint(), isLive))
                    .orElse(new StatusReport.ColorState(c.word(), s.spec.containerName(c), "absent", null, null, null, isLive)));
        }
        String lockedBy = s.locks.holder(app).map(LockHolder::describe).orElse(null);
        Answer a = s.cutover.ask(s.spec.verify().path());
        String answering = live.map(r -> a.from(r)).orElse(true) && fromTheApp(a, app) ? a.colorOf(app) : a.describe();
        List<String> problems = new ArrayList<>(s.router.unfinished());
        live.ifPresentOrElse(r -> {
            answerProblem(s, r, a).ifPresent(problems::add);
            problems.addAll(Drift.of(s, r, oneOfSeveralHosts));
        }, () -> {
            if (a.colorOf(app) != null) {
                problems.add("nginx answers for " + app + " from " + a.colorOf(app) + ", but there is no " + s.router.where()
                        + ": the file was removed without a reload; reload nginx or restore the file");
            }
        });
        String image = live.flatMap(r -> colors.stream().filter(StatusReport.ColorState::live).map(StatusReport.ColorState::image)
                .filter(java.util.Objects::nonNull).findFirst()).orElse(live.map(Route::image).orElse(null));
        return new StatusReport.HostState(host, live.map(r -> r.color().word()).orElse(null), live.map(Route::endpoint).orElse(null),
                image, live.map(Route::since).orElse(null), live.map(Route::deployId).orElse(null), answering, a.status(), colors,
                lockedBy, problems);
    }

    /** The app itself answered (nginx's own 502 or 504 for an upstream that is gone or hangs names the route all the same). */
    private static boolean fromTheApp(Answer a, String app) {
        return a.failure() == null && a.colorOf(app) != null && a.status() != 502 && a.status() != 504;
    }

    /** What is wrong with nginx's answer for a live route, if anything. */
    private static Optional<String> answerProblem(Session s, Route live, Answer a) {
        String app = s.spec.app();
        String where = s.router.url() + s.spec.verify().path();
        if (a.failure() != null) {
            return Optional.of("nginx does not answer for " + app + " at " + where + " (" + a.failure() + "); "
                    + (a.unreachable() ? "start nginx or fix router.url" : "check nginx and the live container"));
        }
        if (a.status() == 502 || a.status() == 504) {
            return Optional.of("nginx answers " + a.status() + " for " + app + " (" + a.describe() + "): no container of "
                    + app + " answers behind it");
        }
        String color = a.colorOf(app);
        if (color == null) {
            return Optional.of("nginx answers " + where + " with " + a.describe() + ", not from " + app
                    + ": the route to " + live.color() + " is not in effect; check " + s.router.where() + " and reload nginx");
        }
        if (!color.equals(live.color().word())) {
            return Optional.of("nginx answers from " + color + ", but its include file names " + live.color()
                    + ": the file was changed without a reload; check " + s.router.where() + " and reload nginx, or "
                    + (s.switchable(live.color()) ? s.advice.switchTo(live.color().word()) + " routes it afresh (health-gated)"
                    : s.instead(live.color())));
        }
        if (!a.from(live)) {
            return Optional.of("nginx answers " + where + " with " + a.describe() + ": the live container " + s.spec.containerName(live.color())
                    + " does not answer, its backup does");
        }
        if (a.status() != s.spec.verify().status()) {
            return Optional.of("nginx answers " + a.status() + " from " + color + " on " + where + ", expected "
                    + s.spec.verify().status() + "; read its logs (docker logs " + s.spec.containerName(live.color()) + ")");
        }
        return Optional.empty();
    }
}
