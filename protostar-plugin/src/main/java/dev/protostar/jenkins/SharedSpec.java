package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.SpecCheck;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** An app spec kept in Jenkins rather than in the app's repository: {@code sharedSpec: 'nest'}. */
public final class SharedSpec implements Describable<SharedSpec> {
    private final String name;
    private final String yaml;

    @DataBoundConstructor
    public SharedSpec(String name, String yaml) {
        this.name = Util.fixEmptyAndTrim(name);
        this.yaml = yaml == null ? null : yaml.strip() + "\n";
    }

    public String getName() {
        return name;
    }

    public String getYaml() {
        return yaml;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<SharedSpec> {
        @Override
        public String getDisplayName() {
            return Messages.SharedSpec_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.check(SpecCheck.name(Util.fixEmptyAndTrim(value)));
        }

        @POST
        public FormValidation doCheckYaml(@QueryParameter String value, @QueryParameter String name) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Forms.check(SpecCheck.sharedSpec(Util.fixEmptyAndTrim(name), value));
        }
    }
}
