package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.EventListener;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetireAndImagesTest {
    @TempDir
    Path tmp;

    @Test
    void stopPolicyStopsTheOldColorAndRollbackStartsItAgain() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 1s\n  previous: stop\n  stopTimeout: 5s\n")) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            assertTrue(f.exists("blue") && !f.running("blue"), "the old color is stopped, not removed");
            assertFalse(Files.readString(f.include()).contains("backup;"), "no backup points at a stopped color");

            DeployResult back = f.switchTo("previous");
            assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
            assertTrue(back.phases().containsKey("boot"), "the stopped color was started again");
            assertEquals("200 v1 blue", f.answer());
        }
    }

    @Test
    void anExistingImageDeploysWithoutABuild() throws Exception {
        try (Fixture f = new Fixture(tmp, null)) {
            DeployResult built = f.deploy("v1");
            assertEquals(Outcome.SUCCEEDED, built.outcome());
            DeployResult r = Engine.deploy(new DeployRequest(f.spec.toString(), built.imageName(), "test", null), EventListener.NONE);
            assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
            assertEquals("green", r.color());
            assertEquals(built.imageId(), r.imageId());
            assertEquals("200 v1 green", f.answer());

            DeployResult missing = Engine.deploy(new DeployRequest(f.spec.toString(), "no-such-image:1", "test", null), EventListener.NONE);
            assertEquals(Outcome.FAILED_BEFORE_SWITCH, missing.outcome());
            assertTrue(missing.error().contains("no image named no-such-image:1"), missing.error());
            assertEquals("200 v1 green", f.answer());
        }
    }

    @Test
    void oldImagesArePrunedButNeverOneAContainerUses() throws Exception {
        try (Fixture f = new Fixture(tmp, "retire:\n  drain: 0s\n  keepImages: 2\n")) {
            for (String v : new String[] {"v1", "v2", "v3", "v4"}) {
                assertEquals(Outcome.SUCCEEDED, f.deploy(v).outcome());
            }
            long images = f.docker.call("images", Duration.ofSeconds(30), () -> f.docker.client().listImagesCmd()
                    .withLabelFilter(Map.of("dev.protostar.app", f.app)).exec()).size();
            assertEquals(2, images, "v3 (warm) and v4 (live) are kept");
            assertEquals(Outcome.SUCCEEDED, f.switchTo("previous").outcome());
            assertEquals("200 v3 blue", f.answer());
        }
    }
}
