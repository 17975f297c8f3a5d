package dev.protostar.jenkins.bridge;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Results as they cross the agent channel: collections become plain {@code ArrayList} and
 * {@code LinkedHashMap}, which the controller's class filter accepts, rather than the JDK's
 * immutable collections the engine may hand back.
 */
final class Travel {
    private Travel() {}

    static DeployResult copy(DeployResult r) {
        return new DeployResult(r.app(), r.action(), r.outcome(), r.color(), r.previousColor(), r.imageName(), r.imageId(),
                r.millis(), r.phases() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.phases()), r.failedPhase(), r.error());
    }

    static VerifyResult copy(VerifyResult r) {
        return new VerifyResult(r.app(), r.color(), r.problems() == null ? new ArrayList<>() : new ArrayList<>(r.problems()), r.millis());
    }
}
