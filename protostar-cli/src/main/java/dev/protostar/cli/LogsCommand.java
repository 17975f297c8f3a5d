package dev.protostar.cli;

import dev.protostar.core.api.ContainerOutput;
import dev.protostar.core.api.LogsRequest;
import dev.protostar.core.engine.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", description = {"Show the container logs of the live color (or the one --color names), through Docker, on every host "
        + "of the app (each line after its host when there are several). Changes nothing.",
        "With --json, one JSON object a line: {\"host\", \"stream\", \"line\"}."})
final class LogsCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    LookColor color;

    @Mixin
    Output output;

    @Option(names = "--follow", description = "keep showing new lines until the container stops or Ctrl-C")
    boolean follow;

    @Option(names = "--since", converter = Since.class, paramLabel = "<duration|time>",
            description = "only lines since then: a duration ago (10m, 1h30m, 45s, 2d) or a time (2026-12-06T13:00:00Z)")
    Long since;

    @Option(names = "--tail", paramLabel = "N", description = "only the last N lines (of each host)")
    Integer tail;

    @Override
    public Integer call() {
        if (tail != null && tail < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Invalid value for option '--tail': " + tail + " is not a number of lines (0 or more)");
        }
        Engine.logs(new LogsRequest(spec.path(), List.of(), null, color.color, follow, since, tail), new ContainerOutput() {
            @Override
            public synchronized void line(String host, boolean stderr, String text) {
                if (output.json) {
                    Map<String, String> line = new LinkedHashMap<>();
                    line.put("host", host);
                    line.put("stream", stderr ? "stderr" : "stdout");
                    line.put("line", text);
                    System.out.println(Output.asJson(line).replaceAll("\\s*\\n\\s*", " "));
                } else {
                    (stderr ? System.err : System.out).println(host == null ? text : host + " | " + text);
                }
            }
        });
        return ExitCode.OK;
    }
}
