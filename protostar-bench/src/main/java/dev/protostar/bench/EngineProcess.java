package dev.protostar.bench;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Event;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.SwitchRequest;
import dev.protostar.core.engine.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine in a JVM of its own (started with a small -Xmx), so that its heap is measured alone.
 * Reads "deploy VERSION", "rollback" and "quit" on stdin; writes one line per engine event
 * ({@code E micros kind phase millis message}), one per finished command ({@code R start end outcome
 * color error}) and at the end the heap figures ({@code H} and {@link HeapWatch#report()}).
 */
public final class EngineProcess {
    private EngineProcess() {}

    public static void main(String[] args) throws Exception {
        String spec = args[0];
        HeapWatch heap = HeapWatch.start();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EventListener listener = e -> out.println("E " + Clock.micros() + " " + e.kind() + " " + e.phase() + " " + e.millis() + " "
                + oneLine(e.message()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            if (cmd[0].equals("quit")) {
                break;
            }
            long t0 = Clock.micros();
            DeployResult r = cmd[0].equals("deploy")
                    ? Engine.deploy(new DeployRequest(spec, null, "bench", cmd[1]), listener)
                    : Engine.switchTo(new SwitchRequest(spec, "previous", "bench"), listener);
            long t1 = Clock.micros();
            out.println("R " + t0 + " " + t1 + " " + r.outcome() + " " + r.color() + " " + oneLine(r.error()));
        }
        out.println("H " + heap.report());
    }

    private static String oneLine(String text) {
        return text == null ? "-" : text.replace('\n', ' ').replace('\r', ' ');
    }

    /** Parsed form of an {@code E} line. */
    record Line(long micros, Event.Kind kind, String phase, long millis, String message) {
        static Line parse(String text) {
            String[] f = text.split(" ", 6);
            return new Line(Long.parseLong(f[1]), Event.Kind.valueOf(f[2]), f[3], Long.parseLong(f[4]), f.length > 5 ? f[5] : "");
        }
    }
}
