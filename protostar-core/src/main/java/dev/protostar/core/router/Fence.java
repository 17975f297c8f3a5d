package dev.protostar.core.router;

/**
 * The fencing token of a change: a command may change the router only while it still holds its app's
 * lock. Checked under the router's own lock, right before the include moves, so a command that was
 * paused past its lease (a GC pause, a suspended VM, a lost connection) and came back changes nothing.
 */
public interface Fence {
    /** Never refuses: for changes made without an app lock (tests, tools). */
    Fence NONE = new Fence() {
        @Override
        public String lost() {
            return null;
        }

        @Override
        public String who() {
            return "protostar";
        }
    };

    /** Null while the holder may change the router; otherwise why it may not. */
    String lost();

    /** Who changes the router, for the record a change leaves while it is under way. */
    String who();

    /**
     * Null while the holder may reload nginx with its change, checked right before the reload (the one step that moves
     * traffic): {@link #lost}, and whatever else must be in place before traffic moves.
     */
    default String lostBeforeReload() {
        return lost();
    }
}
