package dev.protostar.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

/**
 * The form methods every Protostar step shares (public, so Stapler finds them on each step's
 * descriptor). Steps run inside {@code node}: the engine needs the workspace.
 */
public abstract class EngineStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
    }

    @POST
    public FormValidation doCheckSpec(@AncestorInPath Item item, @QueryParameter String value) {
        if (!Forms.mayConfigure(item)) {
            return FormValidation.ok();
        }
        return Forms.check(SpecSource.pathProblem(value));
    }

    @POST
    public FormValidation doCheckSharedSpec(@AncestorInPath Item item, @QueryParameter String value) {
        String name = Util.fixEmptyAndTrim(value);
        if (!Forms.mayConfigure(item) || name == null) {
            return FormValidation.ok();
        }
        boolean known = ProtostarGlobalConfiguration.get().getSharedSpecs().stream().anyMatch(s -> name.equals(s.getName()));
        return known ? FormValidation.ok() : FormValidation.warning(Messages.EngineStepDescriptor_UnknownSharedSpec(name));
    }

    @POST
    public FormValidation doCheckDockerHost(@AncestorInPath Item item, @QueryParameter String value) {
        String host = Util.fixEmptyAndTrim(value);
        if (!Forms.mayConfigure(item) || host == null || DockerHosts.isUri(host)
                || ProtostarGlobalConfiguration.get().findDockerHost(host) != null) {
            return FormValidation.ok();
        }
        return FormValidation.warning(Messages.EngineStepDescriptor_UnknownDockerHost());
    }

    /**
     * Follows the Credentials plugin's guidance: list only for those who may configure, always keep
     * the current value, and list for a job what its builds may use (they look credentials up as the
     * identity they run as, see {@link DockerHosts}).
     */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String dockerHost,
                                                 @QueryParameter String credentialsId) {
        StandardListBoxModel model = new StandardListBoxModel();
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            model.includeCurrentValue(credentialsId);
            return model;
        }
        String uri = uriOf(Util.fixEmptyAndTrim(dockerHost));
        var requirements = URIRequirementBuilder.fromUri(uri).build();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), DockerServerCredentials.class, requirements, CredentialsMatchers.always());
        } else {
            includeUsableBy(item, model, DockerServerCredentials.class, requirements);
        }
        model.includeCurrentValue(credentialsId);
        return model;
    }

    /**
     * What a build of the job can find: what the identity it runs as sees, and the job's own
     * credentials if that identity may use them (as {@code CredentialsProvider.findCredentialById} does).
     */
    static void includeUsableBy(Item item, StandardListBoxModel model, Class<? extends StandardCredentials> type,
                                List<DomainRequirement> requirements) {
        Authentication runsAs = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        model.includeMatchingAs(runsAs, item, type, requirements, CredentialsMatchers.always());
        if (!ACL.SYSTEM2.equals(runsAs) && item.getACL().hasPermission2(runsAs, CredentialsProvider.USE_ITEM)) {
            model.includeMatchingAs(ACL.SYSTEM2, item, type, requirements, CredentialsMatchers.always());
        }
    }

    private static String uriOf(String dockerHost) {
        if (dockerHost == null || DockerHosts.isUri(dockerHost)) {
            return dockerHost;
        }
        DockerHostEntry entry = ProtostarGlobalConfiguration.get().findDockerHost(dockerHost);
        return entry == null ? null : entry.getUri();
    }
}
