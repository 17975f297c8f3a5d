package dev.protostar.bench;

import dev.protostar.cli.demo.LocalNginx;
import dev.protostar.cli.demo.SampleApp;
import java.util.List;

/** nginx on the host: the demo's {@link LocalNginx} (own prefix, 127.0.0.1 only), each app on a listen port of its own. */
final class HostNginx implements BenchNginx {
    final LocalNginx nginx;

    HostNginx(LocalNginx nginx) {
        this.nginx = nginx;
    }

    @Override
    public Route route(String app, String extra) throws Exception {
        int port = Bench.freePort();
        return new Route("http://127.0.0.1:" + port, SampleApp.spec(app, nginx, extra)
                .replace("listen: 127.0.0.1:" + nginx.port(), "listen: 127.0.0.1:" + port));
    }

    @Override
    public List<String> reloadCommand() {
        return nginx.reloadCommand();
    }

    @Override
    public String describe() {
        return "nginx on the host (pid " + nginx.pid().orElse(0L) + ") in " + nginx.prefix();
    }

    @Override
    public void close() {
        nginx.stop();
    }
}
