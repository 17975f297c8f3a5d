package dev.protostar.core.state;

import java.util.Optional;

/** Where the command holding an app's lock writes what it is about to change, for the next command if it does not finish. */
public interface AppJournal {
    /** The intent left by a command that did not clear it, if any. */
    Optional<String> read();

    void write(String intent);

    void clear();
}
