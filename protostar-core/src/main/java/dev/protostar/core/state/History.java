package dev.protostar.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.protostar.core.api.HistoryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** An app's deploy history: one JSON object a line, appended under the deploy lock. */
public final class History {
    private final Path file;

    public History(Path stateDir, String app) {
        this.file = stateDir.resolve(app + ".history.jsonl");
    }

    public void append(HistoryEntry entry) {
        try {
            StateDir.create(file.getParent());
            String line = Json.MAPPER.writeValueAsString(entry) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the history " + file + ": " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} entries, oldest first. Lines that do not parse are skipped. */
    public List<HistoryEntry> last(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the history " + file + ": " + e.getMessage(), e);
        }
        List<HistoryEntry> out = new ArrayList<>();
        for (String line : lines.subList(Math.max(0, lines.size() - limit), lines.size())) {
            try {
                out.add(Json.MAPPER.readValue(line, HistoryEntry.class));
            } catch (JsonProcessingException skipped) {
                // a torn line from a killed process; the rest of the history still reads
            }
        }
        return out;
    }
}
