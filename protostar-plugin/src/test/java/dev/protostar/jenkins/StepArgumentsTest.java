package dev.protostar.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How step arguments are kept: blank is unset (so the Snippet Generator leaves it out), values are trimmed. */
class StepArgumentsTest {
    @Test
    void blankArgumentsAreUnset() {
        ProtostarDeployStep s = new ProtostarDeployStep();
        s.setSpec("  ");
        s.setImage("");
        s.setRevision(null);
        s.setDockerHost(" ");
        s.setCredentialsId("");
        s.setSharedSpec("\t");
        assertNull(s.getSpec());
        assertNull(s.getImage());
        assertNull(s.getRevision());
        assertNull(s.getDockerHost());
        assertNull(s.getCredentialsId());
        assertNull(s.getSharedSpec());
        assertFalse(s.isVerbose());
        s.setRollbackTo(" ");
        assertNull(s.getRollbackTo());
        s.setRollbackTo(" 20261206-120601-1a2b ");
        assertEquals("20261206-120601-1a2b", s.getRollbackTo());
    }

    @Test
    void valuesAreTrimmed() {
        ProtostarDeployStep s = new ProtostarDeployStep();
        s.setSpec(" apps/nest/protostar.yml ");
        s.setDockerHost(" main ");
        assertEquals("apps/nest/protostar.yml", s.getSpec());
        assertEquals("main", s.getDockerHost());
    }

    @Test
    void aSwitchGoesToThePreviousColorUnlessTold() {
        assertEquals("previous", new ProtostarSwitchStep(null).getTo());
        assertEquals("previous", new ProtostarSwitchStep(" ").getTo());
        assertEquals("blue", new ProtostarSwitchStep("blue").getTo());
        assertEquals(java.util.List.of("previous", "blue", "green"), ProtostarSwitchStep.TARGETS);
    }

    @Test
    void verifyFailsUnlessAskedToMarkUnstable() {
        ProtostarVerifyStep s = new ProtostarVerifyStep();
        assertFalse(s.isUnstable());
        s.setUnstable(true);
        assertTrue(s.isUnstable());
    }

    @Test
    void stepsRunInsideNodeWithTheWorkspace() {
        Set<? extends Class<?>> context = new ProtostarDeployStep.DescriptorImpl().getRequiredContext();
        assertEquals(Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class), context);
        assertEquals("protostarDeploy", new ProtostarDeployStep.DescriptorImpl().getFunctionName());
        assertEquals("protostarSwitch", new ProtostarSwitchStep.DescriptorImpl().getFunctionName());
        assertEquals("protostarVerify", new ProtostarVerifyStep.DescriptorImpl().getFunctionName());
    }

    @Test
    void dockerEndpointNamesAndUris() {
        assertNull(DockerHostEntry.nameProblem("main"));
        assertNotNull(DockerHostEntry.nameProblem("1st"));
        assertNotNull(DockerHostEntry.nameProblem(null));
        assertNull(DockerHostEntry.uriProblem("tcp://10.0.0.5:2376"));
        assertNull(DockerHostEntry.uriProblem("unix:///var/run/docker.sock"));
        assertNotNull(DockerHostEntry.uriProblem("http://10.0.0.5:2376"));
        assertTrue(DockerHosts.isUri("tcp://x:1"));
        assertFalse(DockerHosts.isUri("main"));
    }
}
