package dev.protostar.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.protostar.cli.Fixture;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault 2: nginx's main configuration was broken by hand (not reloaded) before the deploy, so nginx -t fails. */
class NginxConfigBrokenFaultTest {
    @TempDir
    Path tmp;

    @Test
    void aBrokenMainConfigStopsTheSwitchAndNothingIsReloaded() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            Path conf = f.nginx.prefix().resolve("conf/nginx.conf");
            String good = Files.readString(conf);
            try (FaultRun run = FaultRun.start("nginx-config-broken", FaultRun.Target.of(f))) {
                Files.writeString(conf, good.replace("events {", "protostar_broken_by_hand on;\nevents {"));
                DeployResult r = f.deploy("v2");
                run.finish();
                run.noRequestFailed().servedOnlyBy("blue").lockFree().unchanged();
                assertFalse(f.exists("green"), "the new color that never got traffic was removed");
                run.error(r, Outcome.FAILED_BEFORE_SWITCH, Phase.SWITCH, "nginx rejected the configuration",
                        "protostar_broken_by_hand", "nginx.conf", "nothing was switched");
            } finally {
                Files.writeString(conf, good);
            }
            DeployResult again = f.deploy("v2");
            assertEquals(Outcome.SUCCEEDED, again.outcome(), "once the config is fixed: " + again.error());
            assertEquals("200 v2 green", f.answer());
        }
    }
}
