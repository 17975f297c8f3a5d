package dev.protostar.core.state;

import dev.protostar.core.api.LockHolder;
import java.time.Duration;
import java.util.Optional;

/** Where an engine keeps its apps' deploy locks. */
public interface AppLocks {
    /** Takes the app's lock (over from a holder whose lease lapsed or whose process is gone) or throws {@link LockHeldException}. */
    AppLock take(String app, String owner, Duration lease);

    /**
     * {@link #take}, naming the command that takes it ({@code command}, its id) in the lock, for whoever takes it over
     * ({@link AppLock#takenOver}); where locks cannot carry it, as {@link #take}.
     */
    default AppLock take(String app, String owner, Duration lease, String command) {
        return take(app, owner, lease);
    }

    /** Who holds the app's lock now. */
    Optional<LockHolder> holder(String app);
}
