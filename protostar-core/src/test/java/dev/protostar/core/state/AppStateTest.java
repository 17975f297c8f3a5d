package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.docker.Docker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Docker engine: one command's journal and history share the copy read under the lock, and the
 * journal's clear goes out with the history record. Each check reads back through another client, as the next command.
 */
class AppStateTest {
    private static final String HOST = "unix:///var/run/docker.sock";
    private final String app = "statetest-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final List<Docker> clients = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        History.erase(machine(), app);
        clients.forEach(Docker::close);
    }

    private Docker machine() {
        Docker d = Docker.connect(HOST);
        clients.add(d);
        return d;
    }

    /** What the next command, on a client of its own, finds. */
    private AppState next() {
        return new AppState(machine(), app);
    }

    private HistoryEntry entry(String id) {
        return new HistoryEntry(id, "2026-12-07T10:00:00Z", app, "switch", "SUCCEEDED", "ann", null, "green", "blue",
                app + ":" + id, "sha256:" + id, 900, Map.of("switch", 100L), null);
    }

    private static List<String> ids(AppHistory h) {
        return h.last(50).stream().map(HistoryEntry::id).toList();
    }

    @Test
    void theClearGoesOutWithTheRecordAndTheNextCommandSeesBoth() {
        AppState first = next();
        first.history(null, notices::add).append(entry("c0"));
        AppState command = next();
        assertEquals(Optional.empty(), command.journal().read(), "read under the lock, with the history");
        command.journal().write("{\"id\":\"c1\"}");
        assertEquals(Optional.of("{\"id\":\"c1\"}"), next().journal().read(), "the intent is on the engine before the change");
        assertEquals(List.of("c0"), ids(command.history(null, notices::add)), "served from the copy read under the lock");

        command.journal().clearWithNextRecord();
        assertEquals(Optional.of("{\"id\":\"c1\"}"), next().journal().read(), "carried, not written yet");
        command.history(null, notices::add).append(entry("c1"));
        assertEquals(Optional.empty(), next().journal().read(), "cleared in the record's copy");
        assertEquals(List.of("c0", "c1"), ids(next().history(null, notices::add)));

        command.journal().write("{\"id\":\"c2\"}");
        command.journal().clear();
        assertEquals(Optional.empty(), next().journal().read(), "an intent written after the carried clear is cleared again");
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aClearWithoutARecordStillClears() {
        AppState command = next();
        command.journal().read();
        command.journal().write("{\"id\":\"c1\"}");
        command.journal().clearWithNextRecord();
        command.journal().clear();
        assertEquals(Optional.empty(), next().journal().read());
    }

    @Test
    void aCommandThatLostItsLockAppendsToTheHistoryAsItIsNow() {
        AppState late = next();
        late.journal().read(); // under its lock, which it then loses
        next().history(null, notices::add).append(entry("other")); // the next holder's record
        late.history(null, notices::add).reread().append(entry("late"));
        assertEquals(List.of("other", "late"), ids(next().history(null, notices::add)), "neither record overwrote the other");
    }

    @Test
    void anAppWithNoStateYetReadsNothingAndItsFirstRecordIsKept() {
        AppState command = next();
        assertEquals(Optional.empty(), command.journal().read());
        command.journal().write("{\"id\":\"c1\"}");
        command.journal().clearWithNextRecord();
        command.history(null, notices::add).append(entry("c1"));
        assertEquals(Optional.empty(), next().journal().read());
        assertEquals(List.of("c1"), ids(next().history(null, notices::add)));
        assertEquals(List.of("c1"), ids(command.history(null, notices::add)));
    }
}
