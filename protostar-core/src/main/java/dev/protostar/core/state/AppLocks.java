package dev.protostar.core.state;

import dev.protostar.core.api.LockHolder;
import java.time.Duration;
import java.util.Optional;

/** Where an engine keeps its apps' deploy locks. */
public interface AppLocks {
    /** Takes the app's lock (over from a holder whose lease lapsed or whose process is gone) or throws {@link LockHeldException}. */
    AppLock take(String app, String owner, Duration lease);

    /** Who holds the app's lock now. */
    Optional<LockHolder> holder(String app);
}
