package dev.protostar.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * No deploy at all: each "cutover" and each "rollback" is one plain {@code nginx -s reload} of the benchmark's nginx,
 * with nothing changed, under the same load. The app behind it is deployed once at set-up (by the baseline script with
 * nginx on the host, by the protostar command with nginx in a container).
 * What the non-retrying keep-alive client sees per reload is what any cutover through nginx costs it at the least.
 */
final class ReloadSide implements Side {
    private final Side app;
    private final List<String> reload;
    private String live;

    ReloadSide(Side app, BenchNginx nginx) {
        this.app = app;
        this.reload = nginx.reloadCommand();
    }

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public String url() {
        return app.url();
    }

    @Override
    public void setUp() throws Exception {
        app.setUp();
        live = app.live();
    }

    @Override
    public Action cutover(int index) throws Exception {
        return reload(Action.Kind.CUTOVER, index);
    }

    @Override
    public Action rollback(int index) throws Exception {
        return reload(Action.Kind.ROLLBACK, index);
    }

    private Action reload(Action.Kind kind, int index) throws Exception {
        long start = Clock.micros();
        Process p = new ProcessBuilder(reload).redirectErrorStream(true).start();
        String error = null;
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            error = "nginx -s reload did not finish within 30 s";
        }
        long end = Clock.micros();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (error == null && p.exitValue() != 0) {
            error = "nginx -s reload: exit " + p.exitValue() + ": " + out;
        }
        return new Action(kind, index, start, end, 0, live, live, error, 0, 0, 0, 0, Map.of());
    }

    @Override
    public void close() {
        app.close();
    }
}
