package dev.protostar.core.state;

import java.util.Optional;

/** Where the command holding an app's lock writes what it is about to change, for the next command if it does not finish. */
public interface AppJournal {
    /** The intent left by a command that did not clear it, if any. */
    Optional<String> read();

    void write(String intent);

    void clear();

    /**
     * Clears the intent in the same write as the command's history record, after it (one copy to the engine, not two).
     * A {@link #clear} after that record writes nothing more; without the record, it clears on its own.
     */
    default void clearWithNextRecord() {}

    /**
     * The command holds the app's lock, taken as {@code mark} says: what it reads under it may be what the previous command
     * of this process left, where nobody touched it since.
     */
    default void heldUnder(LockMark mark) {}

    /** Right before the lock goes: leaves what this command saw and wrote to the next command of this process. */
    default void keepForNext() {}
}
