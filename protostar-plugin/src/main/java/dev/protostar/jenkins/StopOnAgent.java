package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.RunningCalls;
import jenkins.agents.ControllerToAgentCallable;

/** Asks the engine command {@code callId} on the agent to stop at its next safe point. */
record StopOnAgent(String callId) implements ControllerToAgentCallable<Boolean, RuntimeException> {
    @Override
    public Boolean call() {
        return RunningCalls.stop(callId);
    }
}
