package dev.protostar.core.router;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Kills a process and everything it started. */
final class ProcessTree {
    /** Rounds of killing descendants: a process may start another between one look and the kill. */
    private static final int ROUNDS = 20;

    private ProcessTree() {}

    /**
     * Kills the descendants first (once the child is gone they are re-parented and can no longer be
     * found), then the process itself, and waits a little for it to be reaped.
     *
     * @return how many descendants were killed
     */
    static int kill(Process p) {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            // A killed child stays listed until its parent reaps it, hence the set.
            List<ProcessHandle> fresh = p.descendants().filter(h -> !killed.contains(h.pid())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (ProcessHandle h : fresh) {
                h.destroyForcibly();
                killed.add(h.pid());
            }
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return killed.size();
    }
}
