package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real Docker engine: the history lives there, shared by every machine that deploys to it. */
class HistoryTest {
    private static final String HOST = "unix:///var/run/docker.sock";
    private final String app = "histtest-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final List<Docker> clients = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @TempDir
    Path laptop;
    @TempDir
    Path agent;

    @AfterEach
    void cleanUp() {
        History.erase(machine(), app);
        clients.forEach(Docker::close);
    }

    /** A client of its own, as another machine (a Jenkins agent, a laptop) has. */
    private Docker machine() {
        Docker d = Docker.connect(HOST);
        clients.add(d);
        return d;
    }

    private History history(Path stateDir) {
        return new History(machine(), app, stateDir, notices::add);
    }

    private HistoryEntry entry(String id, String at, String owner) {
        return new HistoryEntry(id, at, app, "deploy", "SUCCEEDED", owner, "r1", "green", "blue", app + ":" + id,
                "sha256:" + id, 1200, Map.of("gate", 700L), null);
    }

    private static List<String> ids(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::id).toList();
    }

    @Test
    void twoMachinesAppendToOneHistoryOnTheEngine() {
        assertEquals(List.of(), history(agent).last(20), "nothing yet, and reading creates nothing");
        history(agent).append(entry("d1", "2026-01-01T10:00:00Z", "jenkins agent-1"));
        // the laptop's clock is an hour behind: order still follows the appends
        history(laptop).append(entry("d2", "2026-01-01T09:01:00Z", "ann@laptop"));
        history(agent).append(entry("d3", "2026-01-01T10:02:00Z", "jenkins agent-1"));
        for (Path machine : List.of(agent, laptop)) {
            List<HistoryEntry> seen = history(machine).last(20);
            assertEquals(List.of("d1", "d2", "d3"), ids(seen));
            assertTrue(seen.stream().allMatch(e -> HOST.equals(e.host())), "each names its engine");
            assertEquals("ann@laptop", seen.get(1).owner());
        }
        assertEquals(List.of("d2", "d3"), ids(history(laptop).last(2)));
        assertFalse(Files.exists(agent.resolve(app + ".history.jsonl")), "nothing is kept on the machine");
        assertEquals(List.of(), notices);
    }

    @Test
    void tornRecordsAreSkippedAndReportedAndTheOthersRead() {
        History h = history(agent);
        h.append(entry("d1", "2026-01-01T10:00:00Z", "ci"));
        Docker d = machine();
        String container = StateVolume.PREFIX + app;
        // A write cut short on its way to the engine (the deploying process died): Docker keeps the part that arrived.
        byte[] record = HistoryRecords.encode(new HistoryRecords.Stored(2, entry("d2", "2026-01-01T10:01:00Z", "Jürgen → ops")));
        int arrow = new String(record, StandardCharsets.UTF_8).indexOf('→');
        int cut = new String(record, StandardCharsets.UTF_8).substring(0, arrow).getBytes(StandardCharsets.UTF_8).length + 1;
        byte[] tar = Archive.tar("history/7.json", record, 0600);
        byte[] torn = Arrays.copyOf(tar, 1024 + cut); // the directory's and the file's headers, then part of the record
        assertThrows(RuntimeException.class, () -> d.run("torn copy", java.time.Duration.ofSeconds(30), () -> d.client()
                .copyArchiveToContainerCmd(container).withTarInputStream(new ByteArrayInputStream(torn)).withRemotePath(StateVolume.MOUNT)
                .exec()));
        assertEquals(cut, Archive.getAll(d, container, StateVolume.MOUNT + "/history/7.json", 1 << 20, 5).values().iterator().next().length,
                "the engine kept a record torn inside a multi-byte character");
        Archive.putAll(d, container, StateVolume.MOUNT, Map.of(
                "history/8.json", Arrays.copyOf(HistoryRecords.encode(new HistoryRecords.Stored(3, entry("d3", "2026-01-01T10:02:00Z", "ci"))), 50),
                "history/9.json", new byte[] {(byte) 0xc3, 0x28, 0, (byte) 0xfe, 'x', '{'}), 0600);
        History.Read read = history(laptop).read(20);
        assertEquals(List.of("d1"), ids(read.entries()), "every whole record reads; the torn ones hide none");
        assertEquals(3, read.damaged().size(), read.damaged().toString());
        assertTrue(read.damaged().stream().anyMatch(r -> r.startsWith("history/7.json: not a whole JSON record")), read.damaged().toString());
        assertTrue(read.damaged().stream().anyMatch(r -> r.startsWith("history/8.json: ")), read.damaged().toString());
        assertTrue(read.damaged().stream().anyMatch(r -> r.startsWith("history/9.json: ")), read.damaged().toString());
        assertEquals(3, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("damaged history record of " + app + " on " + HOST + ": history/"), notices.get(0));

        h.append(entry("d4", "2026-01-01T10:03:00Z", "ci"));
        read = history(agent).read(20);
        assertEquals(List.of("d1", "d4"), ids(read.entries()));
        assertEquals(2, read.damaged().size(), "the next record took the first damaged record's slot: " + read.damaged());
        assertFalse(read.damaged().stream().anyMatch(r -> r.startsWith("history/7.json")), read.damaged().toString());
    }

    @Test
    void recordsAreReadableByTheEnginesRootOnly() throws Exception {
        history(agent).append(entry("d1", "2026-01-01T10:00:00Z", "ci"));
        history(agent).append(entry("d2", "2026-01-01T10:01:00Z", "ci"));
        Docker d = machine();
        int files = 0;
        try (InputStream in = d.client().copyArchiveFromContainerCmd(StateVolume.PREFIX + app, StateVolume.MOUNT + "/history").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                assertEquals(0, e.getLongUserId(), e.getName());
                if (e.isDirectory()) {
                    assertEquals(0700, e.getMode() & 07777, e.getName());
                } else {
                    assertEquals(0600, e.getMode() & 07777, e.getName());
                    files++;
                }
            }
        }
        assertEquals(2, files);
        var labels = d.client().inspectVolumeCmd(StateVolume.PREFIX + app).exec().getLabels();
        assertEquals(app, labels.get(StateVolume.LABEL));
    }

    @Test
    void onlyTheNewestRecordsAreKept() {
        History h = new History(machine(), app, agent, notices::add, 5);
        for (int i = 1; i <= 8; i++) {
            h.append(entry("d" + i, "2026-01-01T10:0" + i + ":00Z", "ci"));
        }
        assertEquals(List.of("d4", "d5", "d6", "d7", "d8"), ids(h.last(20)));
        assertEquals(5, Archive.getAll(machine(), StateVolume.PREFIX + app, StateVolume.MOUNT + "/history", 1 << 20, 100).size(),
                "the ring's slots are reused, nothing grows");
    }

    @Test
    void theHistoryOutlivesAPrunedContainer() {
        history(agent).append(entry("d1", "2026-01-01T10:00:00Z", "ci"));
        Docker d = machine();
        d.run("prune", java.time.Duration.ofSeconds(30), () -> d.client().removeContainerCmd(StateVolume.PREFIX + app).exec());
        assertEquals(List.of("d1"), ids(history(laptop).last(20)), "docker container prune keeps the volume");
        history(laptop).append(entry("d2", "2026-01-01T10:01:00Z", "ci"));
        assertEquals(List.of("d1", "d2"), ids(history(agent).last(20)));
    }

    @Test
    void anOldHistoryFileOnAMachineIsImportedOnce() throws Exception {
        history(laptop).append(entry("n1", "2026-02-01T10:00:00Z", "ann@laptop"));
        String a = HistoryRecordsTest.oldLine(entry("old1", "2025-12-01T10:00:00Z", "ci"));
        String b = HistoryRecordsTest.oldLine(entry("old2", "2025-12-02T10:00:00Z", "ci"));
        String c = HistoryRecordsTest.oldLine(entry("old3", "2025-12-03T10:00:00Z", "ci"));
        Path old = agent.resolve(app + ".history.jsonl");
        // the old format's failure: a line torn without its newline, the next record glued on
        Files.writeString(old, a + "\n" + b.substring(0, b.length() / 2) + c + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--")); // as a 755 directory left it

        History.Read before = history(agent).read(20);
        assertEquals(List.of("old1", "old3", "n1"), ids(before.entries()), "still read where it is until the next append");
        assertEquals(1, before.damaged().size(), before.damaged().toString());
        assertEquals(List.of("n1"), ids(history(laptop).last(20)), "another machine does not see it yet");

        notices.clear();
        history(agent).append(entry("n2", "2026-02-01T10:01:00Z", "jenkins"));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("imported 2 record(s) of " + app + " from " + old), notices.get(0));
        assertFalse(Files.exists(old));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.resolve(app + ".history.jsonl.imported"))));

        history(agent).append(entry("n3", "2026-02-01T10:02:00Z", "jenkins"));
        List<HistoryEntry> shared = history(laptop).last(20);
        assertEquals(List.of("old1", "old3", "n1", "n2", "n3"), ids(shared), "imported once, older than the engine's own");
        assertEquals(null, shared.get(0).host());
    }
}
