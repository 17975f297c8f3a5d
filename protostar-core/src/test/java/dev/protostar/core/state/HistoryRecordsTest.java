package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.state.HistoryRecords.Found;
import dev.protostar.core.state.HistoryRecords.Stored;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record files alone, no Docker: how they read back after torn writes, their order, and which slots a write takes. */
class HistoryRecordsTest {

    static HistoryEntry entry(String id, String at, String owner) {
        return new HistoryEntry(id, at, "shop", "deploy", "SUCCEEDED", owner, "r1", "green", "blue", "shop:" + id,
                "sha256:" + id, 1234, Map.of("gate", 800L), null).onHost("unix:///var/run/docker.sock");
    }

    static byte[] record(long seq, String id, String at, String owner) {
        return HistoryRecords.encode(new Stored(seq, entry(id, at, owner)));
    }

    static List<String> ids(Found f) {
        return f.records().stream().map(r -> r.stored().entry().id()).toList();
    }

    @Test
    void recordsAreOrderedByTheirSequenceNotByTheDeployingMachinesClock() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("history/2.json", record(3, "c", "2026-01-01T09:00:00Z", "laptop, clock behind"));
        files.put("history/0.json", record(1, "a", "2026-01-01T10:00:00Z", "agent-1"));
        files.put("history/1.json", record(2, "b", "2026-01-01T10:05:00.5Z", "agent-2"));
        Found f = HistoryRecords.parse(files);
        assertEquals(List.of("a", "b", "c"), ids(f));
        assertEquals(List.of(), f.damaged());
        assertEquals(3, f.lastSeq());
        assertEquals(entry("b", "2026-01-01T10:05:00.5Z", "agent-2"), f.records().get(1).stored().entry(), "reads back whole");
    }

    @Test
    void eachDamagedRecordIsSkippedAndNamedWhileTheOthersRead() {
        byte[] multiByte = record(4, "d", "2026-01-01T10:04:00Z", "Jürgen → ops");
        int arrow = indexOf(multiByte, "→".getBytes(StandardCharsets.UTF_8));
        byte[] notUtf8 = record(6, "f", "2026-01-01T10:06:00Z", "ops-x");
        notUtf8[indexOf(notUtf8, "ops-x".getBytes(StandardCharsets.UTF_8)) + 3] = (byte) 0xff;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("history/0.json", record(1, "a", "2026-01-01T10:00:00Z", "ci"));
        files.put("history/1.json", Arrays.copyOf(multiByte, arrow + 1)); // torn inside a multi-byte character
        files.put("history/2.json", Arrays.copyOf(record(5, "e", "2026-01-01T10:05:00Z", "ci"), 40)); // torn JSON
        files.put("history/3.json", new byte[] {(byte) 0xc3, 0x28, 0x00, (byte) 0xfe, 'x'}); // garbage
        files.put("history/4.json", new byte[0]);
        files.put("history/5.json", "null".getBytes(StandardCharsets.US_ASCII));
        files.put("history/6.json", "{\"seq\":9}".getBytes(StandardCharsets.US_ASCII));
        files.put("history/7.json", notUtf8);
        files.put("history/8.json", record(7, "g", "2026-01-01T10:07:00Z", "ci"));
        files.put("history/9.json", new byte[HistoryRecords.MAX_RECORD + 1]);
        Found f = HistoryRecords.parse(files);
        assertEquals(List.of("a", "f", "g"), ids(f));
        assertEquals(8, f.damaged().size(), f.damaged().toString());
        for (String n : List.of("1", "2", "3", "4", "5", "6", "9")) {
            assertTrue(f.damaged().stream().anyMatch(d -> d.startsWith("history/" + n + ".json: ") && d.endsWith("skipped")
                    || d.startsWith("history/9.json: larger")), n + " in " + f.damaged());
        }
        assertTrue(f.damaged().contains("history/7.json: bytes that are not UTF-8 were read as \uFFFD in f"), f.damaged().toString());
        assertEquals("ops\uFFFDx", f.records().get(1).stored().entry().owner());
    }

    @Test
    void aWriteTakesADamagedRecordsSlotThenAFreeOneThenTheOldestRecords() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("history/0.json", record(1, "a", "2026-01-01T10:00:00Z", "ci"));
        files.put("history/1.json", "{\"torn".getBytes(StandardCharsets.US_ASCII));
        files.put("history/3.json", record(2, "b", "2026-01-01T10:01:00Z", "ci"));
        Found f = HistoryRecords.parse(files);

        Map<String, byte[]> one = HistoryRecords.plan(files, f, List.of(new Stored(3, entry("c", "2026-01-01T10:02:00Z", "ci"))), 4);
        assertEquals(List.of("history/1.json"), List.copyOf(one.keySet()), "the damaged record's slot: it was reported, now it goes");

        files.putAll(one);
        f = HistoryRecords.parse(files);
        assertEquals(List.of(), f.damaged());
        Map<String, byte[]> two = HistoryRecords.plan(files, f, List.of(new Stored(4, entry("d", "2026-01-01T10:03:00Z", "ci"))), 4);
        assertEquals(List.of("history/2.json"), List.copyOf(two.keySet()), "then the free slot");

        files.putAll(two);
        f = HistoryRecords.parse(files);
        Map<String, byte[]> three = HistoryRecords.plan(files, f, List.of(new Stored(5, entry("e", "2026-01-01T10:04:00Z", "ci"))), 4);
        assertEquals(List.of("history/0.json"), List.copyOf(three.keySet()), "then the oldest (a)");
        files.putAll(three);
        assertEquals(List.of("b", "c", "d", "e"), ids(HistoryRecords.parse(files)));
    }

    @Test
    void anImportIntoAFullHistoryKeepsOnlyTheNewestRecords() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("history/0.json", record(1, "n1", "2026-01-01T10:00:00Z", "ci"));
        files.put("history/1.json", record(2, "n2", "2026-01-01T10:01:00Z", "ci"));
        Found f = HistoryRecords.parse(files);
        List<Stored> incoming = List.of(new Stored(0, entry("old1", "2025-01-01T10:00:00Z", "ci")),
                new Stored(0, entry("old2", "2025-01-02T10:00:00Z", "ci")), new Stored(3, entry("n3", "2026-01-01T10:02:00Z", "ci")));
        Map<String, byte[]> plan = HistoryRecords.plan(files, f, incoming, 4);
        assertEquals(List.of("history/2.json", "history/3.json"), List.copyOf(plan.keySet()));
        files.putAll(plan);
        assertEquals(List.of("old2", "n1", "n2", "n3"), ids(HistoryRecords.parse(files)), "old1 is past the bound; imports come first");
        assertEquals("history/000.json", HistoryRecords.slot(0, 500));
        assertEquals("history/499.json", HistoryRecords.slot(499, 500));
    }

    @Test
    void anOldHistoryFileReadsPastATornLineAndAGluedRecord() throws Exception {
        String a = oldLine(entry("a", "2026-01-01T10:00:00Z", "ci"));
        String b = oldLine(entry("b", "2026-01-01T10:01:00Z", "Jürgen → ops"));
        String c = oldLine(entry("c", "2026-01-01T10:02:00Z", "ci"));
        byte[] bBytes = b.getBytes(StandardCharsets.UTF_8);
        byte[] tornB = Arrays.copyOf(bBytes, indexOf(bBytes, "→".getBytes(StandardCharsets.UTF_8)) + 2);
        // a: whole; b: torn mid-character without its newline, so c was appended onto the same line; then a torn tail
        byte[] file = concat((a + "\n").getBytes(StandardCharsets.UTF_8), tornB, (c + "\n").getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(bBytes, 30));
        Found f = HistoryRecords.parseLines(file, "shop.history.jsonl");
        assertEquals(List.of("a", "c"), ids(f));
        assertEquals(2, f.damaged().size(), f.damaged().toString());
        assertTrue(f.damaged().get(0).startsWith("shop.history.jsonl line 2: "), f.damaged().toString());
        assertTrue(f.damaged().get(1).startsWith("shop.history.jsonl line 3: "), f.damaged().toString());
        assertNull(f.records().get(0).stored().entry().host(), "an old record names no engine");
        assertNull(f.records().get(0).stored().entry().rollbackOf(), "nor a version it rolled back to");
        assertNull(f.records().get(0).stored().entry().imageDigest(), "nor a registry digest");
        assertEquals(0, f.records().get(0).stored().seq());
    }

    @Test
    void aRollbackOfARegistryImageReadsBackWithTheEntryItWentBackToAndItsDigest() {
        HistoryEntry rollback = entry("r", "2026-01-01T10:03:00Z", "ci").rollingBackTo("a")
                .pinnedBy("127.0.0.1:5000/shop@sha256:" + "ab".repeat(32));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("history/0.json", HistoryRecords.encode(new Stored(1, rollback)));
        HistoryEntry read = HistoryRecords.parse(files).records().get(0).stored().entry();
        assertEquals(rollback, read, "reads back whole");
        assertEquals("a", read.rollbackOf());
        assertEquals("127.0.0.1:5000/shop@sha256:" + "ab".repeat(32), read.imageDigest());
    }

    /** A line as versions before the engine-kept history wrote it: no host field (nor the later image digest). */
    static String oldLine(HistoryEntry e) throws Exception {
        String json = Json.MAPPER.writeValueAsString(e.onHost(null));
        // as an older Protostar wrote them: without the fields added since (host, rollbackOf, imageDigest)
        assertTrue(json.startsWith("{\"id\":") && json.endsWith(",\"host\":null,\"rollbackOf\":null,\"imageDigest\":null}"), json);
        return json.replace(",\"host\":null,\"rollbackOf\":null,\"imageDigest\":null}", "}");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
