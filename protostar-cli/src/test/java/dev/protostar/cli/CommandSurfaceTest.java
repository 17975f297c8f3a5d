package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.HistoryEntry;
import dev.protostar.core.api.HistoryLine;
import dev.protostar.core.api.Phase;
import dev.protostar.core.state.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself, without Docker or nginx: help, completion, man pages, --json, --quiet, ASCII, --debug, exit codes. */
class CommandSurfaceTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream co = new PrintStream(o, true, StandardCharsets.UTF_8); PrintStream ce = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(co);
            System.setErr(ce);
            int exit = Protostar.commandLine().execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Every command and subcommand, as the words that name it: ["deploy"], ["lock", "status"], … */
    private static List<List<String>> everyCommand() {
        List<List<String>> all = new ArrayList<>();
        walk(Protostar.commandLine(), List.of(), all);
        return all;
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> all) {
        all.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            walk(sub, next, all);
        });
    }

    @Test
    void aCommandNamedFirstIsSetUpAloneWithTheSameSurface() {
        picocli.CommandLine all = Protostar.commandLine();
        for (String name : List.of("deploy", "switch", "rollback", "verify", "status", "history", "lock", "logs", "exec", "demo")) {
            picocli.CommandLine alone = Protostar.commandLine(new String[] {name, "--help"});
            assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()), "only " + name + " is set up");
            assertEquals(all.getSubcommands().get(name).getUsageMessage(), alone.getSubcommands().get(name).getUsageMessage(), name);
        }
        assertEquals(all.getSubcommands().keySet(), Protostar.commandLine(new String[] {"help", "deploy"}).getSubcommands().keySet(),
                "help walks them all");
        assertEquals(all.getSubcommands().keySet(), Protostar.commandLine(new String[] {"--json"}).getSubcommands().keySet());
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndTheExitCodes() {
        List<List<String>> commands = everyCommand();
        assertTrue(commands.size() >= 12, commands.toString());
        for (List<String> command : commands) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(help);
                Run r = run(args.toArray(String[]::new));
                assertEquals(0, r.exit(), args + ":\n" + r.out() + r.err());
                assertTrue(r.out().contains("Usage: protostar" + (command.isEmpty() ? "" : " " + String.join(" ", command))), args + ":\n" + r.out());
                assertTrue(r.out().contains("Exit codes:\n  0   done"), args + ":\n" + r.out());
                assertTrue(r.out().contains("  4   a deploy or switch failed and could not be made safe"), args + ":\n" + r.out());
            }
        }
    }

    @Test
    void helpNamesACommand() {
        Run deploy = run("help", "deploy");
        assertEquals(0, deploy.exit(), deploy.err());
        assertTrue(deploy.out().startsWith("Usage: protostar deploy"), deploy.out());
        assertTrue(deploy.out().contains("--json"), deploy.out());

        Run top = run();
        assertEquals(0, top.exit());
        for (String command : List.of("deploy", "switch", "rollback", "verify", "status", "history", "lock", "logs", "exec", "demo", "help",
                "generate-completion", "gen-manpage")) {
            assertTrue(top.out().contains("\n  " + command + " "), command + " is listed:\n" + top.out());
        }
    }

    @Test
    void completionAndManPagesComeFromTheCommandItself() throws Exception {
        Run completion = run("generate-completion");
        assertEquals(0, completion.exit(), completion.err());
        assertTrue(completion.out().startsWith("#!/usr/bin/env bash"), completion.out());
        assertTrue(completion.out().contains("complete -F _complete_protostar"), completion.out());
        assertTrue(completion.out().contains("--json"), "options are completed too");
        for (String command : List.of("logs", "exec")) {
            assertTrue(completion.out().contains("function _picocli_protostar_" + command + "()"), command + " is completed");
        }
        assertTrue(completion.out().contains("--follow") && completion.out().contains("--tail"), "logs' options are completed");

        Run man = run("gen-manpage", "--outdir=" + tmp);
        assertEquals(0, man.exit(), man.out() + man.err());
        String deploy = Files.readString(tmp.resolve("protostar-deploy.adoc"));
        assertTrue(deploy.contains(":doctype: manpage"), deploy);
        assertTrue(deploy.contains("*--json*"), deploy);
        assertTrue(Files.exists(tmp.resolve("protostar-lock-status.adoc")));
        for (String command : List.of("logs", "exec")) {
            String page = Files.readString(tmp.resolve("protostar-" + command + ".adoc"));
            for (String option : List.of("*--json*", "*--quiet*", "*--debug*", "*--color*")) {
                assertTrue(page.contains(option), command + " documents " + option + ":\n" + page);
            }
        }
    }

    private Path badSpec() throws Exception {
        return Files.writeString(tmp.resolve("protostar.yml"), "app: nest\nport: 3000\nhealth:\n  intervall: 1s\n");
    }

    @Test
    void jsonIsOneDocumentOnStdoutWhateverTheCommand() throws Exception {
        String spec = badSpec().toString();
        Run deploy = run("deploy", "-f", spec, "--json");
        assertEquals(2, deploy.exit(), deploy.err());
        JsonNode result = Json.MAPPER.readTree(deploy.out());
        assertEquals("FAILED_BEFORE_SWITCH", result.get("outcome").asText());
        assertEquals("SPEC", result.get("failedPhase").asText());
        assertTrue(result.get("error").asText().contains("health.intervall: unknown field"), deploy.out());
        assertTrue(deploy.err().contains("✗ spec"), "progress goes to stderr: " + deploy.err());
        assertTrue(deploy.err().contains("nothing was switched"), "and the words too: " + deploy.err());

        Run switched = run("switch", "-f", spec, "--json");
        assertEquals(2, switched.exit(), switched.err());
        assertEquals("switch", Json.MAPPER.readTree(switched.out()).get("action").asText());

        Run rolledBack = run("rollback", "-f", spec, "--json");
        assertEquals(2, rolledBack.exit(), rolledBack.err());
        assertEquals("rollback", Json.MAPPER.readTree(rolledBack.out()).get("action").asText());
        assertTrue(Json.MAPPER.readTree(rolledBack.out()).get("error").asText().contains("health.intervall: unknown field"), rolledBack.out());

        for (List<String> command : List.of(List.of("verify"), List.of("status"), List.of("history"), List.of("lock", "status"),
                List.of("lock", "release"), List.of("logs"), List.of("exec"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-f", spec, "--json"));
            if (command.equals(List.of("exec"))) {
                args.add("true"); // the command to run comes last
            }
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), command + ": " + r.err());
            JsonNode failure = Json.MAPPER.readTree(r.out());
            assertTrue(failure.get("error").asText().contains("health.intervall: unknown field"), command + ": " + r.out());
            assertEquals(2, failure.get("exitCode").asInt());
            assertTrue(r.err().startsWith("protostar: "), command + ": " + r.err());
        }
    }

    @Test
    void aRollbackTargetThatNamesNoVersionIsRefusedWhileTheCommandLineIsRead() throws Exception {
        Run r = run("rollback", "-f", badSpec().toString(), "--to", "$(id)");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Invalid value for option '--to'") && r.err().contains("names no version"), r.err());
    }

    @Test
    void quietPrintsOnlyWhatWentWrong() throws Exception {
        Run deploy = run("deploy", "-f", badSpec().toString(), "--quiet");
        assertEquals(2, deploy.exit());
        assertFalse(deploy.out().contains("✗ spec"), "no progress lines: " + deploy.out());
        assertTrue(deploy.out().contains("deploy failed in spec; nothing was switched"), deploy.out());

        Run help = run("history", "-q", "-f", tmp.resolve("missing.yml").toString());
        assertEquals(2, help.exit());
        assertTrue(help.err().contains("there is no spec file"), help.err());
    }

    @Test
    void theHistoryFitsOneHundredColumnsSaysWhyADeployFailedAndMarksWhatCanBeRolledBackTo() {
        String why = "nest-green did not become healthy: not healthy within 60 s (needed 3 passing checks in a row on /health); "
                + "last result: GET /health answered 503, expected 200. Fix the app (its last log lines are below), then deploy again.";
        List<HistoryLine> entries = List.of(
                new HistoryLine(new HistoryEntry("20261206-120601-1a2b", "2026-12-06T12:06:01.123456Z", "nest", "deploy", "SUCCEEDED",
                        "jenkins@build-agent-with-a-long-name.example", "abc", "blue", null,
                        "registry.example.com:5000/team/platform/nest:2026-12-06-abcdef", "sha256:x", 12_345, Map.of(), null), true, null),
                new HistoryLine(new HistoryEntry("20261206-121501-3c4d", "2026-12-06T12:15:01Z", "nest", "deploy", "FAILED_BEFORE_SWITCH",
                        "ann", null, "blue", "blue", "nest:v2", "sha256:y", 61_000, Map.of(), why), false, "it never served"),
                new HistoryLine(new HistoryEntry("20261206-122001-5e6f", "2026-12-06T12:20:01Z", "nest", "switch", "SWITCHED_BACK",
                        "ann", null, "blue", "blue", "nest:v1", "sha256:z", 3_000, Map.of(), "verify: green answered 502 through nginx"),
                        false, "it never served"),
                new HistoryLine(new HistoryEntry("20261206-123001-7a8b", "2026-12-06T12:30:01Z", "nest", "rollback", "SUCCEEDED",
                        "ann", "abc", "green", "blue", "nest:v1", "sha256:z", 9_000, Map.of(), null, null, "20261206-120601-1a2b"),
                        false, "its image is not on tcp://10.0.0.2:2376"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HistoryCommand.print(entries, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(9, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            assertTrue(line.codePointCount(0, line.length()) <= 100, line.length() + " columns: " + line);
        }
        assertTrue(lines.get(0).startsWith("id (UTC time)        ✓ action   outcome"), lines.get(0));
        assertTrue(lines.get(1).startsWith("20261206-120601-1a2b ✓ deploy   succeeded      - → blue"), lines.get(1));
        assertTrue(lines.get(1).contains("12.3 s"), lines.get(1));
        assertTrue(lines.get(1).contains("…26-12-06-abcdef  jenkins@buil…"), "an image's tag is what shows: " + lines.get(1));
        assertTrue(lines.get(2).startsWith("20261206-121501-3c4d   deploy   not switched"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  why: nest-green did not become healthy: not healthy within 60 s"), lines.get(3));
        assertTrue(lines.get(3).endsWith("…"), lines.get(3));
        assertTrue(lines.get(4).contains("switched back"), lines.get(4));
        assertEquals("  why: verify: green answered 502 through nginx", lines.get(5));
        assertTrue(lines.get(6).startsWith("20261206-123001-7a8b   rollback succeeded      blue → green"), lines.get(6));
        assertEquals("  back to: 20261206-120601-1a2b", lines.get(7));
        assertTrue(lines.get(8).startsWith("✓: protostar rollback --to <id>"), lines.get(8));
    }

    @Test
    void aDeployThatSucceededWithAFailedAfterSwitchHookShowsItAsANote() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HistoryCommand.print(List.of(new HistoryLine(new HistoryEntry("20261206-120601-1a2b", "2026-12-06T12:06:01Z", "nest", "deploy",
                "SUCCEEDED", "ann", null, "green", "blue", "nest:v2", "sha256:x", 9_000, Map.of(),
                "the switch stands, but 1 afterSwitch hook(s) failed: hooks.afterSwitch[0] (warm): exited with code 4"), true, null)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(4, lines.size(), "header, the entry, its note, the legend: " + String.join("\n", lines));
        assertTrue(lines.get(1).contains("succeeded"), lines.get(1));
        assertTrue(lines.get(2).startsWith("  note: the switch stands, but 1 afterSwitch hook(s) failed: hooks.afterSwitch[0] (warm)"),
                lines.get(2));
    }

    @Test
    void aHooksOutputIsShownWithoutVerboseTheBuildsIsNot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        progress.onEvent(new Event(Event.Kind.OUTPUT, Phase.BUILD, "Step 1/5 : FROM scratch", 0));
        progress.onEvent(new Event(Event.Kind.OUTPUT, Phase.BEFORE_SWITCH, "2 migrations applied", 0));
        progress.onEvent(new Event(Event.Kind.FINISHED, Phase.BEFORE_SWITCH, "beforeSwitch", 4_200));

        assertEquals(List.of("      │ 2 migrations applied", "  ✓ beforeSwitch    4.20 s"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aWaitingPhaseIsOneLineWithItsSecondsAndLastObservation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)
                .onEvent(new Event(Event.Kind.WAITING, Phase.GATE, "last answer 503 {\"status\":\"starting\"}", 12_400));
        assertEquals("      gate: 12 s, last answer 503 {\"status\":\"starting\"}\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void glyphsShowOnlyWhereTheConsoleCharsetHasThem() {
        Map<String, String> none = Map.of();
        assertTrue(ConsoleCharset.showsGlyphs(Map.of("stdout.encoding", "UTF-8")::get, Map.of("LANG", "C")));
        assertFalse(ConsoleCharset.showsGlyphs(Map.of("stdout.encoding", "US-ASCII")::get, Map.of("LANG", "en_US.UTF-8")));
        assertFalse(ConsoleCharset.showsGlyphs(Map.of("sun.stdout.encoding", "cp437")::get, none));
        assertFalse(ConsoleCharset.showsGlyphs(Map.of("native.encoding", "UTF-8")::get, Map.of("LANG", "C")));
        assertTrue(ConsoleCharset.showsGlyphs(Map.of("native.encoding", "ANSI_X3.4-1968")::get, Map.of("LANG", "C", "LC_ALL", "C.UTF-8")));
        assertTrue(ConsoleCharset.showsGlyphs(Map.<String, String>of()::get, Map.of("LANG", "de_DE.utf8")));
        assertFalse(ConsoleCharset.showsGlyphs(Map.<String, String>of()::get, Map.of("LANG", "de_DE.ISO-8859-1")));
        assertFalse(ConsoleCharset.showsGlyphs(Map.of("native.encoding", "ANSI_X3.4-1968")::get, none), "no locale at all is POSIX's C");
        assertFalse(ConsoleCharset.showsGlyphs(Map.of("stdout.encoding", "no-such-charset")::get, none));
    }

    @Test
    void asciiOutputKeepsTheMeaningOfEveryGlyph() throws Exception {
        assertEquals("  + gate  x spec  > build  | out  blue -> green ... cafe ?", AsciiStream.fold("  ✓ gate  ✗ spec  ▸ build  │ out  blue → green … café 日"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AsciiStream ascii = new AsciiStream(bytes);
        byte[] tick = "✓ ok\n".getBytes(StandardCharsets.UTF_8);
        ascii.write(tick, 0, 2); // a character cut in two waits for its last byte
        ascii.flush();
        assertEquals("", bytes.toString(StandardCharsets.US_ASCII));
        ascii.write(tick, 2, tick.length - 2);
        assertEquals("+ ok\n", bytes.toString(StandardCharsets.US_ASCII));
    }

    /** As on a Jenkins agent: LANG=C, stdout not a terminal. */
    @Test
    void underLangCTheCommandPrintsAsciiInsteadOfQuestionMarks() throws Exception {
        Process p = protostar(Map.of("LANG", "C"), "deploy", "-f", badSpec().toString());
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.US_ASCII);
        assertEquals(2, p.exitValue(), text);
        for (byte b : out) {
            assertTrue(b >= 0, "only ASCII: " + text);
        }
        assertTrue(text.contains("  x spec"), text);
        assertFalse(text.contains("?"), text);
    }

    @Test
    void debugShowsTheDockerCallsOnStderrAndOnlyThen() throws Exception {
        Path spec = Files.writeString(tmp.resolve("protostar.yml"), "app: nest\nport: 3000\ndocker:\n  host: unix://" + tmp.resolve("no.sock") + "\n");
        Process quiet = protostar(Map.of(), "lock", "status", "-f", spec.toString());
        String withoutDebug = new String(quiet.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(quiet.waitFor(60, TimeUnit.SECONDS));
        Process debug = protostar(Map.of(), "lock", "status", "-f", spec.toString(), "--debug");
        String withDebug = new String(debug.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(debug.waitFor(60, TimeUnit.SECONDS));

        assertEquals(2, quiet.exitValue(), withoutDebug);
        assertEquals(2, debug.exitValue(), withDebug);
        assertFalse(withoutDebug.contains("[DEBUG]"), withoutDebug);
        assertTrue(withDebug.contains("[DEBUG] AbstrDockerCmd - Cmd: "), withDebug);
    }

    /** The command as its own process (stderr on its own stream, stdin empty), with {@code env} added to a C locale. */
    private Process protostar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Protostar.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("JAVA_TOOL"));
        pb.environment().putAll(env);
        return pb.start();
    }
}
