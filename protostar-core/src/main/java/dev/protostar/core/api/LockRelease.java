package dev.protostar.core.api;

import java.io.Serializable;

/**
 * What a release of an app's deploy lock on one Docker engine did.
 *
 * @param holder who held the lock: the one released, or the one left in place; null when no lock was held
 * @param released whether a lock was removed
 */
public record LockRelease(LockHolder holder, boolean released) implements Serializable {
    /** Whether the lock was left to someone else: held, but not released. */
    public boolean refused() {
        return holder != null && !released;
    }
}
