package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script that changes nginx in its container in one exec, run here by a real sh with stand-ins for nginx's test and
 * reload: the steps it takes, what it says on its standard output, and the words it is given, each back as it was.
 */
class ContainerScriptTest {
    @TempDir
    Path dir;

    private record Ran(int exit, List<String> steps, String err) {}

    private Ran run(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out.lines().toList(), err);
    }

    private String script(List<String> test, Duration within) throws Exception {
        Files.writeString(dir.resolve("next.tmp"), "next");
        Files.writeString(dir.resolve("app.pending"), "record");
        return NginxContainerRouter.script("", dir.resolve("next.tmp").toString(), dir.resolve("app.conf").toString(), test,
                List.of("touch", dir.resolve("reloaded").toString()), List.of(dir.resolve("app.pending").toString()), within);
    }

    @Test
    void renamedTestedReloadedAndTheRecordGoneWithOnlyItsStepsOnStandardOutput() throws Exception {
        Ran r = run(script(List.of("sh", "-c", "echo 'syntax is ok'; echo '" + NginxContainerRouter.DROPPED + " (quoted by a config)' >&2"),
                Duration.ofSeconds(5)));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(NginxContainerRouter.RENAMED, NginxContainerRouter.RELOADED, NginxContainerRouter.DROPPED), r.steps());
        assertTrue(r.err().contains("syntax is ok"), r.err());
        assertEquals("next", Files.readString(dir.resolve("app.conf")));
        assertTrue(Files.exists(dir.resolve("reloaded")));
        assertFalse(Files.exists(dir.resolve("app.pending")));
    }

    @Test
    void aRejectedConfigurationIsNeverReloadedAndItsRecordStays() throws Exception {
        Ran r = run(script(List.of("sh", "-c", "echo 'unknown directive' >&2; exit 3"), Duration.ofSeconds(5)));
        assertEquals(3, r.exit());
        assertEquals(List.of(NginxContainerRouter.RENAMED, NginxContainerRouter.REJECTED), r.steps());
        assertTrue(r.err().contains("unknown directive"));
        assertFalse(Files.exists(dir.resolve("reloaded")));
        assertTrue(Files.exists(dir.resolve("app.pending")));
    }

    /** A test that outlasts the limit: the caller may have given up waiting, so the script leaves the reload to it. */
    @Test
    void aTestThatTookTooLongLeavesTheReloadToTheCaller() throws Exception {
        Ran r = run(script(List.of("sleep", "2"), Duration.ZERO));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(NginxContainerRouter.RENAMED, NginxContainerRouter.LATE), r.steps());
        assertFalse(Files.exists(dir.resolve("reloaded")));
        assertTrue(Files.exists(dir.resolve("app.pending")));
    }

    /** A directory as a read before the router lock found it: two apps' includes, one with quotes and newlines. */
    private java.util.Map<String, byte[]> twoIncludes(Path conf) throws Exception {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        files.put("protostar-a.conf", "upstream a { server 10.0.0.2:80; } # it's $a\n\n".getBytes(StandardCharsets.UTF_8));
        files.put("protostar-b.conf", "server { listen 80; return 200 'b'; }".getBytes(StandardCharsets.UTF_8));
        for (var e : files.entrySet()) {
            Files.write(conf.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(conf.resolve("default.conf"), "anyone's own"); // not protostar's: not counted
        return files;
    }

    private Ran guarded(Path conf, java.util.Map<String, byte[]> asRead) throws Exception {
        Files.writeString(conf.resolve("next.tmp"), "next");
        return run(NginxContainerRouter.script(NginxContainerRouter.guard(conf.toString(), asRead), conf.resolve("next.tmp").toString(),
                conf.resolve("protostar-a.conf").toString(), List.of("true"), List.of("touch", conf.resolve("reloaded").toString()),
                List.of(conf.resolve("gone").toString()), Duration.ofSeconds(5)));
    }

    @Test
    void aDirectoryStillAsReadBeforeTheLockIsChanged() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf.d"));
        Ran r = guarded(conf, twoIncludes(conf));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(NginxContainerRouter.RENAMED, NginxContainerRouter.RELOADED, NginxContainerRouter.DROPPED), r.steps());
        assertEquals("next", Files.readString(conf.resolve("protostar-a.conf")));
    }

    @Test
    void aDirectoryThatChangedSinceItWasReadIsLeftAsItIs() throws Exception {
        for (String change : List.of("another app's include", "this app's include", "a record of a dead change", "a new app", "one gone",
                "an empty one gone and another come", "a newline more", "a link")) {
            Path conf = Files.createDirectories(dir.resolve("conf-" + change.replace(' ', '-').replace("'", "")));
            java.util.Map<String, byte[]> asRead = twoIncludes(conf);
            switch (change) {
                case "another app's include" -> Files.writeString(conf.resolve("protostar-b.conf"), "server { listen 81; }");
                case "this app's include" -> Files.writeString(conf.resolve("protostar-a.conf"), "edited by hand");
                case "a record of a dead change" -> Files.writeString(conf.resolve(".protostar-b.pending"), "restore");
                case "a new app" -> Files.writeString(conf.resolve("protostar-c.conf"), "server { listen 82; }");
                case "an empty one gone and another come" -> {
                    Files.writeString(conf.resolve("protostar-e.conf"), "");
                    asRead.put("protostar-e.conf", new byte[0]);
                    Files.delete(conf.resolve("protostar-e.conf"));
                    Files.writeString(conf.resolve("protostar-f.conf"), "server { listen 83; }");
                }
                case "a newline more" -> Files.writeString(conf.resolve("protostar-b.conf"), "server { listen 80; return 200 'b'; }\n");
                case "a link" -> {
                    Files.delete(conf.resolve("protostar-b.conf"));
                    Files.writeString(conf.resolve("b.txt"), "server { listen 80; return 200 'b'; }");
                    Files.createSymbolicLink(conf.resolve("protostar-b.conf"), conf.resolve("b.txt"));
                }
                default -> Files.delete(conf.resolve("protostar-b.conf"));
            }
            byte[] a = Files.readAllBytes(conf.resolve("protostar-a.conf"));
            Ran r = guarded(conf, asRead);
            assertEquals(0, r.exit(), change + ": " + r.err());
            assertEquals(List.of(NginxContainerRouter.CHANGED), r.steps(), change);
            assertTrue(java.util.Arrays.equals(a, Files.readAllBytes(conf.resolve("protostar-a.conf"))), change + ": nothing written");
            assertFalse(Files.exists(conf.resolve("reloaded")), change);
        }
    }

    /** Where the script writes the record and the next include itself: the record whole, first, and modes as a copy gives. */
    @Test
    void theRecordAndTheNextIncludeAreWrittenByTheScriptBeforeTheRename() throws Exception {
        String record = "{\"app\":\"a\",\"restore\":\"server { return 200 'it''s'; }\\n\"}\n";
        String next = "upstream a { server 10.0.0.2:80; } # it's $next `id`\n";
        String before = NginxContainerRouter.written(dir.resolve("app.pending").toString(), record, dir.resolve("app.1.tmp").toString(),
                dir.resolve("next.tmp").toString(), next);
        Ran r = run(NginxContainerRouter.script(before, dir.resolve("next.tmp").toString(), dir.resolve("app.conf").toString(),
                List.of("sh", "-c", "test -f '" + dir.resolve("app.pending") + "' && cat '" + dir.resolve("app.pending") + "' >&2"),
                List.of("true"), List.of(dir.resolve("gone").toString()), Duration.ofSeconds(5)));
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(NginxContainerRouter.RECORDED, NginxContainerRouter.RENAMED, NginxContainerRouter.RELOADED,
                NginxContainerRouter.DROPPED), r.steps());
        assertEquals(record, Files.readString(dir.resolve("app.pending")), "in place, whole, when the test ran");
        assertEquals(next, Files.readString(dir.resolve("app.conf")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.pending"))));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.conf"))));
        assertFalse(Files.exists(dir.resolve("app.1.tmp")));
    }

    @Test
    void aRecordThatCannotBeWrittenStopsEverything() throws Exception {
        Files.deleteIfExists(dir.resolve("next.tmp"));
        String before = NginxContainerRouter.written(dir.resolve("no-such-dir/app.pending").toString(), "r",
                dir.resolve("no-such-dir/app.1.tmp").toString(), dir.resolve("next.tmp").toString(), "next");
        Ran r = run(NginxContainerRouter.script(before, dir.resolve("next.tmp").toString(), dir.resolve("app.conf").toString(),
                List.of("true"), List.of("touch", dir.resolve("reloaded").toString()), List.of(), Duration.ofSeconds(5)));
        assertEquals(1, r.exit());
        assertEquals(List.of(NginxContainerRouter.NOT_RECORDED), r.steps());
        assertFalse(Files.exists(dir.resolve("next.tmp")), "the next include written first went again");
        assertFalse(Files.exists(dir.resolve("app.conf")));
        assertFalse(Files.exists(dir.resolve("reloaded")));
    }

    /** A test or reload command cannot write a step of its own: the steps' stream is closed for them. */
    @Test
    void theCommandsCannotFakeAStep() throws Exception {
        String fake = "echo '" + NginxContainerRouter.DROPPED + "' >&3";
        Ran r = run(script(List.of("sh", "-c", fake + "; exit 1"), Duration.ofSeconds(5)));
        assertEquals(List.of(NginxContainerRouter.RENAMED, NginxContainerRouter.REJECTED), r.steps());
    }

    @Test
    void everyWordComesBackAsItWasWrittenWhateverItHolds() throws Exception {
        List<String> words = List.of("nginx", "-g", "daemon off; pid /run/n.pid;", "it's", "'", "$(touch /tmp/never)", "`id`", "a\\b",
                "\"q\"", "", "two  spaces", "line\nbreak", "*", "$HOME");
        Process p = new ProcessBuilder("sh", "-c", "for w in " + NginxContainerRouter.quoted(words) + "; do printf '[%s]' \"$w\"; done")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        StringBuilder expected = new StringBuilder();
        words.forEach(w -> expected.append('[').append(w).append(']'));
        assertEquals(expected.toString(), out);
    }
}
