package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.PipelineAdvice;

/** The engine's next-step advice in Pipeline terms, made on the controller from Messages.properties. */
final class PipelineWording {
    private PipelineWording() {}

    static PipelineAdvice advice() {
        return new PipelineAdvice(Messages.PipelineAdvice_SwitchTo("blue"), Messages.PipelineAdvice_SwitchTo("green"),
                Messages.PipelineAdvice_SwitchTo("previous"), Messages.PipelineAdvice_Deploy(),
                Messages.PipelineAdvice_Status(),
                Messages.PipelineAdvice_ReleaseLock(), Messages.PipelineAdvice_ReleaseLockOf(PipelineAdvice.HOLDER),
                Messages.PipelineAdvice_SpecLocation(), Messages.PipelineAdvice_History(), Messages.PipelineAdvice_RollbackField());
    }
}
