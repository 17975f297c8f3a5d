package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import dev.protostar.core.docker.Docker;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A named Docker engine the steps can deploy to: {@code dockerHost: 'main'}. */
public final class DockerHostEntry implements Describable<DockerHostEntry> {
    private final String name;
    private final String uri;
    private String credentialsId;

    @DataBoundConstructor
    public DockerHostEntry(String name, String uri) {
        this.name = Util.fixEmptyAndTrim(name);
        this.uri = Util.fixEmptyAndTrim(uri);
    }

    public String getName() {
        return name;
    }

    public String getUri() {
        return uri;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    static String nameProblem(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,62}")) {
            return Messages.DockerHostEntry_BadName();
        }
        if (DockerHosts.isUri(name)) {
            return Messages.DockerHostEntry_NameLikeAUri();
        }
        return null;
    }

    static String uriProblem(String uri) {
        if (uri == null || !DockerHosts.isUri(uri) || uri.length() > 250) {
            return Messages.DockerHostEntry_BadUri();
        }
        return null;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<DockerHostEntry> {
        @Override
        public String getDisplayName() {
            return Messages.DockerHostEntry_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.check(nameProblem(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckUri(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.check(uriProblem(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String uri, @QueryParameter String credentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(credentialsId);
            }
            return new StandardListBoxModel()
                    .includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), DockerServerCredentials.class,
                            URIRequirementBuilder.fromUri(uri).build(), CredentialsMatchers.always())
                    .includeCurrentValue(credentialsId);
        }

        /** Pings the engine from the controller and reports its version. Deploys connect from the agent. */
        @POST
        public FormValidation doTestConnection(@QueryParameter String uri, @QueryParameter String credentialsId) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String u = Util.fixEmptyAndTrim(uri);
            String problem = uriProblem(u);
            if (problem != null) {
                return FormValidation.error(problem);
            }
            try (Docker docker = Docker.connect(DockerHosts.forTest(u, Util.fixEmptyAndTrim(credentialsId)))) {
                return FormValidation.ok(Messages.DockerHostEntry_Answers(docker.ping(), u));
            } catch (RuntimeException e) {
                return FormValidation.error(Messages.DockerHostEntry_NoAnswer(u, e.getMessage()));
            }
        }
    }
}
