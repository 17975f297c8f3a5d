package dev.protostar.core.engine;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.router.Route;
import dev.protostar.core.spec.Color;
import dev.protostar.core.state.TakenOver;
import java.util.Map;
import java.util.Optional;

/**
 * Finishes or undoes what a command that did not finish left behind, from the intent it wrote before it acted
 * (kept on the engine until a command clears it). Its route change, if cut short on nginx, was already put back
 * by the router; what remains:
 * <ul>
 * <li>nginx routes to the dead command's color (it switched, then died before verify or the record): verify it
 * now, and check it did not restart since its gate, and record it; or, if it fails, switch back to the other
 * color, health-gated;</li>
 * <li>it never got the traffic: its new container goes (drained first), and the idle color's container it had
 * set aside takes its name back, so the warm previous color survives a killed deploy.</li>
 * </ul>
 * Every step can run again: a command that dies here leaves the intent for the next one.
 */
final class Recovery {
    private final Session s;
    private final Optional<Intent> intent;

    private Recovery(Session s, Optional<Intent> intent) {
        this.s = s;
        this.intent = intent;
    }

    static Recovery of(Session s, String left) {
        return new Recovery(s, Intent.parse(left));
    }

    /**
     * The intent of a switch whose lock this command took over, where nginx routes to what it switched to: a switch
     * writes no intent into the app's state (a copy, 200-300 ms under load, before every reload), as its lock already
     * names it, and what it changes is only the route. It was health-gated; when it began its gate is not known, so a
     * crash since is not looked for, only verify. A switch that died before its reload left nothing to finish: the router
     * put its change back. Empty when there is nothing to finish.
     */
    static Optional<String> leftInTheLock(TakenOver from) {
        if (from == null || from.command() == null) {
            return Optional.empty();
        }
        return Optional.of(new Intent("switch", from.command(), from.owner(), null, null, null, 0, null).json());
    }

    /** Returns the live route once what was left is finished or undone. */
    Optional<Route> run(Optional<Route> live) {
        if (intent.isEmpty()) {
            return live;
        }
        Intent i = intent.get();
        Color target = i.target() == null ? null : Color.parse(i.target());
        String dead = i.action() + " " + i.id() + " by " + i.owner();
        if (live.isPresent() && i.id().equals(live.get().deployId()) && (target == null || live.get().color() == target)) {
            return complete(i, dead, live.get());
        }
        if (target != null) {
            undo(i, dead, target);
        } // else a switch that did not get as far as its reload: the router put its change back, nothing else is left
        return live;
    }

    /** nginx routes to what the dead command switched to: it counts once it passes verify, as it would have. */
    private Optional<Route> complete(Intent i, String dead, Route route) {
        if (recorded(i)) {
            return Optional.of(route); // it finished; only clearing its intent was left undone
        }
        String verified = s.cutover.verify(route, Optional.empty());
        String problem = verified != null || i.startedAt() == null ? verified : s.containers.crashSince(s.spec.containerName(route.color()), new ColorContainers.Life(i.restarts(), i.startedAt()))
                    .map(how -> s.spec.containerName(route.color()) + " answers, but since its health gate began it " + how)
                    .orElse(null);
        if (problem == null) {
            s.timeline.warn(dead + " switched to " + route.color() + " and stopped before it was verified and recorded: "
                    + "it passes verify now, so it is recorded as done");
            record(i, route);
            return Optional.of(route);
        }
        Color back = route.color().other();
        ColorContainer other = s.containers.find(s.spec, back).filter(ColorContainer::running).orElseThrow(() -> new StepFailed(
                dead + " switched to " + route.color() + " and stopped before verify; it fails now (" + problem + "), and "
                        + s.spec.containerName(back) + " is not running to switch back to. Nothing was changed. Start "
                        + s.spec.containerName(back) + " (docker start " + s.spec.containerName(back) + ") and switch to " + back
                        + ", or fix the app and deploy again."));
        s.timeline.warn(dead + " switched to " + route.color() + " and stopped before verify; it fails now (" + problem
                + "): switching back to " + back + ", health-gated");
        new HealthGate(s.spec, s.containers, s.timeline, s.router.path(), s.clock).await(other, other.health() != null);
        Route previous = new Route(s.spec.app(), back, other.endpoint(), null, other.imageId(), Session.now(), s.id);
        s.cutover.restore(Optional.of(previous)); // cut short, the next change completes it, never the reverse
        String again = s.cutover.verify(previous, Optional.of(route));
        if (again != null) {
            throw new StepFailed("switched " + s.spec.app() + " back to " + back + " after " + dead + " left " + route.color()
                    + " failing, but " + back + " fails verify too: " + again + ". Check the app (" + s.advice.status() + ").");
        }
        undo(i, dead, route.color());
        return Optional.of(previous);
    }

    /** Whether it recorded its success; a history that cannot be read stops the command here (nothing is changed on a guess). */
    private boolean recorded(Intent i) {
        try {
            return s.history().last(50).stream().anyMatch(h -> i.id().equals(h.id()) && Outcome.SUCCEEDED.name().equals(h.outcome()));
        } catch (RuntimeException e) {
            throw new StepFailed("cannot read the history of " + s.spec.app() + " to tell whether " + i.action() + " " + i.id()
                    + " finished (" + e.getMessage() + "); nothing was changed, and what it left stays for the next command");
        }
    }

    private void record(Intent i, Route route) {
        try {
            s.history().append(new HistoryEntry(i.id(), Session.now(), s.spec.app(), i.action(), Outcome.SUCCEEDED.name(), i.owner(),
                    null, route.color().word(), route.color().other().word(), null, route.image(), 0, Map.of(),
                    "finished by " + s.id + ": its own process stopped after the switch"));
        } catch (RuntimeException e) {
            s.timeline.warn("could not record " + i.action() + " " + i.id() + " in the history: " + e.getMessage());
        }
    }

    /** The dead command's change is not what nginx routes to: what it started goes, what it set aside comes back. */
    private void undo(Intent i, String dead, Color target) {
        String name = s.spec.containerName(target);
        Optional<ColorContainer> named = s.containers.find(s.spec, target);
        if (named.isPresent() && i.id().equals(named.get().deployId()) && i.aside() != null) {
            retire(named.get());
            s.timeline.warn("removed " + name + ", started by " + dead + ", which never finished switching to it");
            named = Optional.empty();
        }
        if (i.booted() != null) {
            Optional<ColorContainer> booted = s.containers.named(s.spec, i.booted(), target);
            if (booted.isPresent()) {
                retire(booted.get());
                s.timeline.warn("removed " + i.booted() + ", started by " + dead + ", which stopped before its switch");
            }
        }
        if (named.isEmpty() && i.aside() != null) {
            Optional<ColorContainer> aside = s.containers.named(s.spec, i.aside(), target);
            if (aside.isPresent()) {
                s.containers.rename(aside.get().id(), name);
                s.timeline.warn("put " + i.aside() + " back as " + name + ": " + dead + " had set it aside; "
                        + (aside.get().running() ? "it serves again as the warm " + target + " for an instant rollback" : "it is the " + target + " it was"));
            }
        }
    }

    /** Old nginx workers may still send it a request: drained before it goes. */
    private void retire(ColorContainer c) {
        if (c.running() && c.endpoint() != null) {
            s.drainAndStop(c);
        }
        s.containers.remove(c.id());
    }
}
