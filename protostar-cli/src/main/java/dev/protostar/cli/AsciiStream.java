package dev.protostar.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;

/**
 * Takes UTF-8 and passes on ASCII: the glyphs the command prints become their ASCII look-alikes (✓ +, ✗ x, → ->),
 * accented letters lose their accents, anything else becomes "?". Text is passed on line by line and at each flush.
 */
final class AsciiStream extends OutputStream {
    private static final Map<Integer, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry((int) '✓', "+"), Map.entry((int) '✗', "x"), Map.entry((int) '▸', ">"), Map.entry((int) '│', "|"),
            Map.entry((int) '→', "->"), Map.entry((int) '←', "<-"), Map.entry((int) '…', "..."), Map.entry((int) '—', "--"),
            Map.entry((int) '–', "-"), Map.entry((int) '─', "-"), Map.entry((int) '·', "."), Map.entry((int) '•', "*"),
            Map.entry((int) '“', "\""), Map.entry((int) '”', "\""), Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"),
            Map.entry((int) '\u00a0', " "));

    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    AsciiStream(OutputStream out) {
        this.out = out;
    }

    static String fold(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x80) {
                sb.append((char) c);
            } else if (LOOK_ALIKES.containsKey(c)) {
                sb.append(LOOK_ALIKES.get(c));
            } else {
                String base = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                sb.append(base.length() == 1 && base.charAt(0) < 0x80 ? base : "?");
            }
        });
        return sb.toString();
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n') {
            pass(pending.size());
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        pending.write(b, off, len);
        byte[] all = pending.toByteArray();
        for (int i = all.length - 1; i >= all.length - len; i--) {
            if (all[i] == '\n') {
                pass(i + 1);
                return;
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        pass(wholeCharacters(pending.toByteArray()));
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        out.close();
    }

    /** Passes on the first {@code count} pending bytes, folded. */
    private void pass(int count) throws IOException {
        byte[] all = pending.toByteArray();
        out.write(fold(new String(all, 0, count, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII));
        pending.reset();
        pending.write(all, count, all.length - count);
    }

    /** How many bytes make whole UTF-8 characters: a character cut at the end waits for the rest of it. */
    static int wholeCharacters(byte[] bytes) {
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if (b < 0x80) {
                return bytes.length;
            }
            if (b >= 0xc0) { // a lead byte: its character needs this many bytes
                int needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return needs > back ? bytes.length - back : bytes.length;
            }
        }
        return bytes.length;
    }
}
