package dev.protostar.jenkins;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every Protostar step takes: where the spec is and which Docker engine to use. Unset values
 * stay null, so the Snippet Generator leaves them out.
 */
public abstract class EngineStep extends Step {
    private String spec;
    private String sharedSpec;
    private String dockerHost;
    private String credentialsId;

    /** The spec file, relative to the workspace; null means {@code protostar.yml}. */
    public String getSpec() {
        return spec;
    }

    @DataBoundSetter
    public void setSpec(String spec) {
        this.spec = Util.fixEmptyAndTrim(spec);
    }

    /** The name of a spec kept in the global configuration, used instead of a workspace file. */
    public String getSharedSpec() {
        return sharedSpec;
    }

    @DataBoundSetter
    public void setSharedSpec(String sharedSpec) {
        this.sharedSpec = Util.fixEmptyAndTrim(sharedSpec);
    }

    /** A Docker endpoint's name from the global configuration, or a {@code unix://} or {@code tcp://} URI. */
    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = Util.fixEmptyAndTrim(dockerHost);
    }

    /** Docker server credentials (client certificate, key and CA) for a {@code tcp://} engine. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }
}
