package dev.protostar.core.router;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where traffic for an app goes: the only door to the proxy. A change is atomic at every point a
 * process can die: it leaves a record of what to put back before it touches anything, and the next
 * change on the same router (any app's) or {@link #settle()} puts it back, so a change whose command
 * never finished never takes effect through someone else's reload.
 */
public interface Router {
    /** The route the proxy has for the app, read from the host; empty before the first deploy. */
    Optional<Route> current(String app);

    /**
     * Routes the app to {@code route}: writes it, validates the whole config, reloads. If validation fails
     * the previous route is put back and nothing is reloaded. Cut short, the next change undoes it.
     */
    void apply(Route route);

    /**
     * Puts {@code previous} back (empty: removes the app's route), as a switch-back does. Cut short, the next
     * change completes it rather than undoing it, so traffic never returns to the color being switched away from.
     */
    void restore(Optional<Route> previous);

    /**
     * Finishes what changes cut short left on this router when one of them is this app's: their routes (any app's) are put
     * back and the proxy reloaded. Another app's alone is left to the next change on the router, which settles everything
     * first: it may be that app's change under way. Returns what it did, in words; empty when nothing was done.
     */
    List<String> settle();

    /** This app's changes cut short on this router that the next change (or {@link #settle()}) will put back, in words; read only. */
    List<String> unfinished();

    /** Changes from now on are refused once the fence says its holder lost its lock. */
    void fencedBy(Fence fence);

    /** Returns once what the router finishes beside the command (a lock's release) is done; before its connection closes. */
    default void finish() {}

    /**
     * The command holds its app's lock, taken as {@code mark} says: a router may start from what the last command of this
     * process on the app left it ({@link #keepForNext}) where nobody else held that lock in between.
     */
    default void heldUnder(dev.protostar.core.state.LockMark mark) {}

    /** Leaves what the command knows of the router for the next command of this process on the app, before its lock goes. */
    default void keepForNext() {}

    /**
     * Forgets what this command started from, where that was what an earlier command left: true when it did, and the
     * next read goes to the router again (what it serves did not match it).
     */
    default boolean readAfreshIfKept() {
        return false;
    }

    /** Where to tell what a change repaired on the way (a route another command left half changed). */
    void reportTo(Consumer<String> notes);

    /**
     * Lets the engine's preview requests ({@link #askPreview}) reach {@code endpoint} through the proxy while every other
     * request still goes to {@code live} (to a 503 without one), as a change like {@link #apply}: cut short, the next
     * change undoes it. The next {@link #apply} or {@link #restore} ends the preview.
     */
    void preview(Optional<Route> live, String endpoint);

    /**
     * Ends a preview left in place (puts {@code live} back as {@link #restore} does); changes nothing when there is none.
     * Returns the previewed address when it ended one.
     */
    Optional<String> endPreview(Optional<Route> live);

    /** One request through the proxy to the previewed container, on a fresh connection. */
    Answer askPreview(String path, Duration timeout);

    /** One request to the app through the proxy, on a fresh connection, read for who answered. */
    Answer ask(String path, Duration timeout);

    /**
     * {@link #ask}, where what earns the answer its headers (the include's probe token) is known without reading the include
     * (an earlier command of this process read it); empty otherwise.
     */
    default Optional<Answer> askIfKnown(String path, Duration timeout) {
        return Optional.of(ask(path, timeout));
    }

    /** {@code count} requests through the proxy, each on a fresh connection, possibly sent in one go. */
    List<Answer> askEach(String path, Duration timeout, int count);

    /** What a hand-written server block must send for a switch to be confirmed, in words (for messages). */
    String replyHint();

    /** The base URL where nginx answers for the app, e.g. {@code http://127.0.0.1:8080}. */
    String url();

    /** The Host header to send through nginx, or null for the URL's own host. */
    String hostHeader();

    /** How the proxy reaches the colors' containers. */
    dev.protostar.core.docker.Reach reach();

    /**
     * Whether a probe of a color costs more than a request (an exec in nginx's container, 150-300 ms under load): a switch
     * then asks its target ahead, beside its lock. Where a probe is a request, asking ahead would only add work.
     */
    default boolean probesAreSlow() {
        return reach() == dev.protostar.core.docker.Reach.APP_NETWORK;
    }

    /** The network as nginx sees it, for health probes, switch checks and drains. */
    NetworkPath path();

    /** Whether the app's route on the host is exactly what this router would write for {@code route} (no hand edits). */
    boolean writtenAsIs(Route route);

    /** How many other apps' changes the last change of this router was loaded with (one test, one reload); 0 alone. */
    default int loadedWithOthers() {
        return 0;
    }

    /** How long, in ms, the last change of this router waited for changes announced to it ({@link #changeComing}). */
    default long waitedForOthers() {
        return 0;
    }

    /**
     * Says that this command will likely change the router within a few hundred ms (a switch, before its lock): other
     * apps' commands of this process that change it meanwhile wait for it a moment, to share one reload. Taken back by
     * {@link #changeNotComing} or by the change itself; an announcement holds nobody once it is a few seconds old. Any change
     * of the command takes it (one that repairs what a dead command left, during discover, too): the next one then comes
     * unannounced.
     */
    default void changeComing() {}

    /** Takes {@link #changeComing} back: no change from this command soon after all. */
    default void changeNotComing() {}

    /** Where the app's route lives, for messages (a file, or a file in a container). */
    String where();
}
