package dev.protostar.jenkins;

import dev.protostar.core.api.Wording;
import dev.protostar.jenkins.bridge.ReleaseLockCall;
import dev.protostar.jenkins.bridge.ReleaseReport;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code protostarReleaseLock holder: '<build URL>'}: removes an app's stale deploy lock, one a dead deploy left
 * behind (as {@code protostar lock release} does on the command line). With {@code holder}, only a lock that
 * names that owner is removed, compared and removed in one, so a lock another deploy took over meanwhile stays.
 * Returns one line per Docker engine.
 */
public final class ProtostarReleaseLockStep extends EngineStep {
    private String holder;

    @DataBoundConstructor
    public ProtostarReleaseLockStep() {}

    /** The owner the lock must name, as the next deploy's refusal shows it; null releases it whoever holds it. */
    public String getHolder() {
        return holder;
    }

    @DataBoundSetter
    public void setHolder(String holder) {
        this.holder = Util.fixEmptyAndTrim(holder);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends EngineStepDescriptor {
        @Override
        public String getFunctionName() {
            return "protostarReleaseLock";
        }

        @Override
        public String getDisplayName() {
            return Messages.ProtostarReleaseLockStep_DisplayName();
        }
    }

    private static final class Execution extends EngineExecution<List<String>> {
        private static final long serialVersionUID = 1L;

        private final String holder;

        Execution(ProtostarReleaseLockStep step, StepContext context) {
            super(step, context);
            this.holder = step.getHolder();
        }

        @Override
        protected List<String> run() throws Exception {
            ReleaseReport report = runOnAgent(new ReleaseLockCall(holder), false);
            endIfStopped();
            List<String> lines = lines(report, holder);
            if (!report.released()) {
                throw new AbortException(String.join("\n", lines));
            }
            PrintStream log = listener().getLogger();
            lines.forEach(l -> log.println(Summary.logLine(l)));
            return new ArrayList<>(lines);
        }
    }

    /** The step's words for what the agent reports, one line per Docker engine. */
    static List<String> lines(ReleaseReport report, String holder) {
        if (report.problem() != null) {
            return List.of(report.problem());
        }
        List<String> lines = new ArrayList<>();
        for (ReleaseReport.Engine e : report.engines()) {
            lines.add(e.host() + ": " + switch (e.state()) {
                case RELEASED -> Wording.lockReleased(e.holder(), null);
                case HELD_BY_ANOTHER -> Wording.lockHeldByAnother(e.holder(), holder);
                case NOT_HELD -> Wording.lockNotHeld();
            });
        }
        return lines;
    }
}
