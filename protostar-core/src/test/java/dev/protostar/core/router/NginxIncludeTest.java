package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NginxIncludeTest {
    private final AppSpec spec = SpecParser.parse("protostar.yml",
            "app: my-app\nrouter: { listen: 127.0.0.1:8080, serverName: app.example.com }\n", Path.of("/repo"));

    private final Route route = new Route("my-app", Color.GREEN, "127.0.0.1:32771", "127.0.0.1:32770",
            "sha256:" + "a".repeat(64), "2026-11-25T10:00:00Z", "20261125-100000-abcd");

    @Test
    void rendersUpstreamWithBackupAndServerBlock() {
        String conf = NginxInclude.render(spec, route);
        assertTrue(conf.contains("upstream protostar_my_app {"), conf);
        assertTrue(conf.contains("server 127.0.0.1:32771 max_fails=0;"), conf);
        assertTrue(conf.contains("server 127.0.0.1:32770 backup;"), conf);
        assertTrue(conf.contains("map \"\" $protostar_my_app_color { default \"green\"; }"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:8080;"), conf);
        assertTrue(conf.contains("server_name app.example.com;"), conf);
        assertTrue(conf.contains("add_header X-Protostar-Color $protostar_my_app_color always;"), conf);
    }

    @Test
    void readsBackWhatItWrote() {
        assertEquals(Optional.of(route), NginxInclude.parse(NginxInclude.render(spec, route)));
        Route noBackup = new Route("my-app", Color.BLUE, "127.0.0.1:1", null, "sha256:b", "t", "d");
        assertEquals(Optional.of(noBackup), NginxInclude.parse(NginxInclude.render(spec, noBackup)));
        assertFalse(NginxInclude.render(spec, noBackup).contains("backup;"));
    }

    @Test
    void withoutListenOnlyTheUpstreamIsRendered() {
        AppSpec bare = SpecParser.parse("protostar.yml", "app: nest\n", Path.of("/repo"));
        String conf = NginxInclude.render(bare, new Route("nest", Color.BLUE, "127.0.0.1:1", null, "sha256:b", "t", "d"));
        assertFalse(conf.contains("server {"), conf);
    }

    @Test
    void foreignFilesAreNotRoutes() {
        assertEquals(Optional.empty(), NginxInclude.parse("upstream x { server 127.0.0.1:1; }\n"));
        assertEquals(Optional.empty(), NginxInclude.parse("# protostar-route app=x color=purple endpoint=1\n"));
    }

    @Test
    void refusesValuesThatCouldBreakOutOfTheFile() {
        Route evil = new Route("my-app", Color.GREEN, "127.0.0.1:1; include /etc/passwd", null, "sha256:b", "t", "d");
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(spec, evil));
        Route newline = new Route("my-app", Color.GREEN, "127.0.0.1:1", null, "sha256:b\nserver { }", "t", "d");
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(spec, newline));
    }

    @Test
    void withAProbeTokenOnlyProbesGetTheHeaders() {
        String token = NginxInclude.newProbeToken();
        String conf = NginxInclude.render(spec, route, token);
        assertTrue(conf.contains("map $http_x_protostar_probe $psprobe_my_app_up { \"" + token + "\" $upstream_addr; default \"\"; }"), conf);
        assertTrue(conf.contains("add_header X-Protostar-Upstream $psprobe_my_app_up always;"), conf);
        assertTrue(conf.contains("proxy_set_header X-Protostar-Probe \"\";"), conf);
        assertTrue(!conf.contains("add_header X-Protostar-Upstream $upstream_addr"), conf);
        assertEquals(token, NginxInclude.probeToken(conf).orElseThrow());
        assertEquals(route, NginxInclude.parse(conf).orElseThrow());
        assertTrue(NginxInclude.probeToken(NginxInclude.render(spec, route)).isEmpty());
    }
}
