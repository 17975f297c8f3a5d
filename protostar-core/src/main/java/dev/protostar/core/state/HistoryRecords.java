package dev.protostar.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.protostar.core.api.HistoryEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An app's history as files, one record each, in a ring of {@code keep} slots: how a record is
 * written, how every file is read back on its own (a torn or garbled one is reported and skipped,
 * never hiding another), and which slots a write takes. No I/O here.
 *
 * <p>Records are ordered by a sequence number that each append takes under the app's deploy lock,
 * so machines whose clocks disagree still agree on which deploy came last. Records imported from an
 * old history file carry sequence 0: older than every record kept on the engine, in time order.
 */
final class HistoryRecords {
    static final String DIR = "history";
    static final int MAX_RECORD = 1024 * 1024;
    static final Comparator<Stored> ORDER = Comparator.comparingLong(Stored::seq)
            .thenComparing(s -> instant(s.entry().at()))
            .thenComparing(s -> String.valueOf(s.entry().id()));

    private HistoryRecords() {}

    /** One record as stored: its place in the order, and the entry. */
    record Stored(long seq, HistoryEntry entry) {}

    /** A record and the file that holds it. */
    record Filed(String file, Stored stored) {}

    /** What a read found: the records that parse, oldest first, and a sentence for each one that does not. */
    record Found(List<Filed> records, List<String> damaged) {
        long lastSeq() {
            return records.stream().mapToLong(f -> f.stored().seq()).max().orElse(0);
        }

        boolean holds(HistoryEntry e) {
            return records.stream().anyMatch(f -> sameDeploy(f.stored().entry(), e));
        }
    }

    static byte[] encode(Stored s) {
        try {
            return Json.MAPPER.writeValueAsBytes(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a history record as JSON", e);
        }
    }

    /** Reads each file on its own; {@code files} maps a file name to its bytes (cut past {@link #MAX_RECORD}). */
    static Found parse(Map<String, byte[]> files) {
        List<Filed> ok = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            byte[] bytes = f.getValue();
            if (bytes.length > MAX_RECORD) {
                damaged.add(name + ": larger than " + MAX_RECORD / 1024 + " KiB, not a record of Protostar's");
                continue;
            }
            Decoded text = decode(bytes);
            Stored s;
            try {
                s = Json.MAPPER.readValue(text.text(), Stored.class);
            } catch (JsonProcessingException e) {
                damaged.add(name + ": " + (bytes.length == 0 ? "empty" : "not a whole JSON record (" + bytes.length
                        + " bytes" + (text.replaced() ? ", not all UTF-8" : "") + "), a write that was cut short?") + "; skipped");
                continue;
            }
            String missing = s == null || s.entry() == null ? "entry" : s.seq() < 0 ? "seq" : s.entry().id() == null ? "id"
                    : s.entry().at() == null ? "at" : null;
            if (missing != null) {
                damaged.add(name + ": a JSON record without its " + missing + "; skipped");
                continue;
            }
            if (text.replaced()) {
                damaged.add(name + ": bytes that are not UTF-8 were read as \uFFFD in " + s.entry().id());
            }
            ok.add(new Filed(name, s));
        }
        ok.sort(Comparator.comparing(Filed::stored, ORDER));
        return new Found(ok, damaged);
    }

    /**
     * The files one write puts: the {@code incoming} records that are among the newest {@code keep},
     * each in a damaged record's slot (it was reported; it is worth nothing now), else a free slot,
     * else the oldest record's: a write torn there loses that record, which was going anyway.
     */
    static Map<String, byte[]> plan(Map<String, byte[]> existingFiles, Found existing, List<Stored> incoming, int keep) {
        List<Stored> all = new ArrayList<>();
        existing.records().forEach(f -> all.add(f.stored()));
        all.addAll(incoming);
        all.sort(ORDER);
        Set<Stored> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(all.subList(Math.max(0, all.size() - keep), all.size()));

        Set<String> readable = new HashSet<>();
        existing.records().forEach(f -> readable.add(f.file()));
        List<String> slots = new ArrayList<>();
        new TreeSet<>(existingFiles.keySet()).stream().filter(n -> !readable.contains(n)).forEach(slots::add);
        for (int i = 0; i < keep; i++) {
            if (!existingFiles.containsKey(slot(i, keep))) {
                slots.add(slot(i, keep));
            }
        }
        existing.records().stream().filter(f -> !kept.contains(f.stored())).map(Filed::file).forEach(slots::add);

        Map<String, byte[]> out = new LinkedHashMap<>();
        int next = 0;
        for (Stored s : incoming) {
            if (kept.contains(s)) {
                out.put(slots.get(next++), encode(s));
            }
        }
        return out;
    }

    static String slot(int i, int keep) {
        int width = String.valueOf(keep - 1).length();
        return DIR + "/" + String.format("%0" + width + "d", i) + ".json";
    }

    /**
     * The entries of an old history file, one JSON object a line. A line torn without its newline
     * has the next record glued on: each record is read from where its {@code {"id":} starts, so
     * only the torn one is lost.
     */
    static Found parseLines(byte[] jsonl, String source) {
        List<Filed> ok = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        int lineNo = 0;
        for (String line : decode(jsonl).text().split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<Integer> starts = new ArrayList<>();
            for (int i = line.indexOf("{\"id\":"); i >= 0; i = line.indexOf("{\"id\":", i + 1)) {
                starts.add(i);
            }
            if (starts.isEmpty() || starts.get(0) > 0) {
                starts.add(0, 0);
            }
            for (int k = 0; k < starts.size(); k++) {
                String part = line.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : line.length());
                try {
                    HistoryEntry e = Json.MAPPER.readValue(part, HistoryEntry.class);
                    if (e == null || e.id() == null || e.at() == null) {
                        throw new IllegalArgumentException("incomplete");
                    }
                    ok.add(new Filed(source + ":" + lineNo, new Stored(0, e)));
                } catch (JsonProcessingException | IllegalArgumentException bad) {
                    damaged.add(source + " line " + lineNo + ": not a whole JSON record (" + part.length()
                            + " characters), a write that was cut short?; skipped");
                }
            }
        }
        ok.sort(Comparator.comparing(Filed::stored, ORDER));
        return new Found(ok, damaged);
    }

    /** The same deploy's record (an import read twice must not file it twice). */
    static boolean sameDeploy(HistoryEntry a, HistoryEntry b) {
        return String.valueOf(a.id()).equals(String.valueOf(b.id())) && String.valueOf(a.action()).equals(String.valueOf(b.action()))
                && String.valueOf(a.at()).equals(String.valueOf(b.at()));
    }

    private record Decoded(String text, boolean replaced) {}

    private static Decoded decode(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new Decoded(strict.decode(ByteBuffer.wrap(bytes)).toString(), false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), true); // String's decoding replaces
        }
    }

    private static Instant instant(String at) {
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }
}
