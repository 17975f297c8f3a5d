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

    @Test
    void aPreviewSendsOnlyRequestsWithTheTokenToTheNewContainer() {
        String token = NginxInclude.newProbeToken();
        String conf = NginxInclude.render(spec, route, token, "127.0.0.1:32772");
        // No app's upstream can be named so: upstreamName turns every '-' into '_' (app "my-app-preview" included).
        assertTrue(conf.contains("upstream protostar-preview-my-app {\n    server 127.0.0.1:32772 max_fails=0;\n}"), conf);
        assertTrue(conf.contains("map $http_x_protostar_preview $psprobe_my_app_to { \"" + token
                + "\" \"protostar-preview-my-app\"; default \"protostar_my_app\"; }"), conf);
        assertTrue(conf.contains("proxy_pass http://$psprobe_my_app_to;"), conf);
        assertTrue(conf.contains("proxy_set_header X-Protostar-Preview \"\";"), "the app never sees the token:\n" + conf);
        assertFalse(conf.contains("return 503"), conf);
        assertEquals(route, NginxInclude.parse(conf).orElseThrow(), "the route is still the live one");
        assertEquals(token, NginxInclude.probeToken(conf).orElseThrow());
        assertEquals("127.0.0.1:32772", NginxInclude.preview(conf).orElseThrow());
        assertTrue(NginxInclude.preview(NginxInclude.render(spec, route, token)).isEmpty());
        String plain = NginxInclude.render(spec, route, token);
        assertFalse(plain.contains("preview="), plain);
        assertTrue(plain.contains("proxy_set_header X-Protostar-Preview \"\";"),
                "every include with a token strips the header, so an old worker never passes a preview request's token on");
        assertTrue(NginxInclude.sameBeforePreviews(plain.replace("        proxy_set_header X-Protostar-Preview \"\";\n", ""), plain),
                "an include written before smoke requests is no hand edit");
    }

    @Test
    void aPreviewBeforeTheFirstSwitchAnswers503ToEveryoneElseAndIsNoRoute() {
        String token = NginxInclude.newProbeToken();
        String conf = NginxInclude.render(spec, null, token, "127.0.0.1:32772");
        assertTrue(conf.startsWith("# protostar-preview app=my-app probe=" + token + " preview=127.0.0.1:32772\n"), conf);
        assertFalse(conf.contains("upstream protostar_my_app {"), conf);
        assertTrue(conf.contains("default \"\"; }"), conf);
        assertTrue(conf.contains("if ($psprobe_my_app_to = \"\") { return 503; }"), conf);
        assertEquals(Optional.empty(), NginxInclude.parse(conf), "no route yet");
        assertEquals(token, NginxInclude.probeToken(conf).orElseThrow());
        assertEquals("127.0.0.1:32772", NginxInclude.preview(conf).orElseThrow());
    }

    @Test
    void aPreviewNeedsATokenAServerBlockAndASafeAddress() {
        String token = NginxInclude.newProbeToken();
        AppSpec bare = SpecParser.parse("protostar.yml", "app: my-app\n", Path.of("/repo"));
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(bare, route, token, "127.0.0.1:2"));
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(spec, route, null, "127.0.0.1:2"));
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(spec, route, token, "127.0.0.1:2; return 200"));
        assertThrows(IllegalArgumentException.class, () -> NginxInclude.render(spec, null, token, null));
    }
}
