package dev.protostar.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.spec.AppSpec;
import dev.protostar.core.spec.Color;
import dev.protostar.core.spec.SpecParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which listen/serverName pairs of two apps on one nginx collide, read from the includes as rendered. */
class ListenClaimsTest {
    private static String include(String app, String router) {
        AppSpec spec = SpecParser.parse("protostar.yml", "app: " + app + "\nrouter: { " + router + " }\n", Path.of("/repo"));
        return NginxInclude.render(spec, new Route(app, Color.BLUE, "127.0.0.1:1001", null, "sha256:abc", "2026-11-25T10:00:00Z", "d1"));
    }

    private static void check(String app, String router, String other, String otherRouter) {
        ListenClaims.check(app, include(app, router), Map.of(other, include(other, otherRouter)), a -> Optional.empty());
    }

    private static String refused(String app, String router, String other, String otherRouter) {
        return assertThrows(RouterException.class, () -> check(app, router, other, otherRouter)).getMessage();
    }

    @Test
    void theSameListenWithoutServerNamesIsRefusedNamingBothAppsAndTheField() {
        String m = refused("web", "listen: 127.0.0.1:8080", "nest", "listen: 127.0.0.1:8080");
        assertTrue(m.startsWith("router.listen 127.0.0.1:8080 of web overlaps router.listen 127.0.0.1:8080 of nest on the same nginx "
                + "and neither has a router.serverName"), m);
        assertTrue(m.contains("nothing was changed"), m);
    }

    @Test
    void oneWithoutAServerNameStillCollides() {
        String m = refused("web", "listen: 8080, serverName: web.example", "nest", "listen: 8080");
        assertTrue(m.contains("nest has no router.serverName"), m);
    }

    @Test
    void aWildcardAddressOverlapsASpecificOneOnTheSamePort() {
        String m = refused("web", "listen: '8080'", "nest", "listen: 127.0.0.1:8080");
        assertTrue(m.startsWith("router.listen 8080 of web overlaps router.listen 127.0.0.1:8080 of nest"), m);
    }

    @Test
    void overlappingServerNamesAreRefused() {
        String m = refused("web", "listen: 80, serverName: api.example www.example", "nest", "listen: 80, serverName: www.example");
        assertTrue(m.contains("router.serverName www.example of web overlaps router.serverName www.example of nest"), m);
        m = refused("web", "listen: 80, serverName: '*.example'", "nest", "listen: 80, serverName: api.example");
        assertTrue(m.contains("router.serverName *.example of web overlaps router.serverName api.example of nest"), m);
    }

    @Test
    void distinctNamesPortsOrAddressesLiveSideBySide() {
        check("web", "listen: 80, serverName: web.example", "nest", "listen: 80, serverName: api.example");
        check("web", "listen: 127.0.0.1:8080", "nest", "listen: 127.0.0.1:8081");
        check("web", "listen: 127.0.0.1:8080", "nest", "listen: 127.0.0.2:8080");
        check("web", "listen: 127.0.0.1:8080", "nest", "url: http://127.0.0.1:9000"); // nest has no server block
    }

    @Test
    void theAppsOwnPreviousIncludeIsNoCollision() {
        String mine = include("web", "listen: 127.0.0.1:8080");
        ListenClaims.check("web", mine, Map.of("web", mine), a -> Optional.of("must not be asked: nginx serves it"));
    }

    @Test
    void onlyAListenNginxDoesNotServeYetIsLookedAt() {
        List<ListenClaims.Address> asked = new ArrayList<>();
        String next = include("web", "listen: 127.0.0.1:8080");
        ListenClaims.check("web", next, Map.of("web", include("web", "listen: 127.0.0.1:9090")), a -> {
            asked.add(a);
            return Optional.empty();
        });
        assertEquals(List.of(new ListenClaims.Address("127.0.0.1", 8080)), asked);
        String m = assertThrows(RouterException.class, () -> ListenClaims.check("web", next, Map.of(),
                a -> Optional.of("port 8080 is already taken by a process that is not nginx"))).getMessage();
        assertTrue(m.startsWith("router.listen 127.0.0.1:8080 of web: port 8080 is already taken"), m);
    }

    @Test
    void removingAnIncludeIsNeverRefused() {
        ListenClaims.check("web", null, Map.of("nest", include("nest", "listen: 127.0.0.1:8080")), a -> Optional.of("x"));
    }

    @Test
    void serverNameMatching() {
        assertTrue(ListenClaims.matches("*.example.com", "a.example.com"));
        assertTrue(ListenClaims.matches(".example.com", "example.com"));
        assertTrue(ListenClaims.matches("www.*", "www.example.com"));
        assertFalse(ListenClaims.matches("*.example.com", "example.com"));
        assertFalse(ListenClaims.matches("a.example.com", "b.example.com"));
        assertEquals("web", ListenClaims.appOf("protostar-web.conf"));
        assertEquals(null, ListenClaims.appOf(".protostar-web.conf.123.tmp"));
    }
}
