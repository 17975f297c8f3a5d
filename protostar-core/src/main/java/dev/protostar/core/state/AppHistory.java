package dev.protostar.core.state;

import dev.protostar.core.api.HistoryEntry;
import java.util.List;

/** An app's history of deploys and switches, as the engine records and reads it. */
public interface AppHistory {
    /** Files the entry; call it holding the app's deploy lock. */
    void append(HistoryEntry entry);

    /** The newest {@code limit} entries, oldest first; damaged records are skipped and reported. */
    List<HistoryEntry> last(int limit);

    /**
     * The history as the engine has it now, not as this command read it under its lock: for a command that lost the
     * lock, whose next holder may have appended since.
     */
    default AppHistory reread() {
        return this;
    }
}
