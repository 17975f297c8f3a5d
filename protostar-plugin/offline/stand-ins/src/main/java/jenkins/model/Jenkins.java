// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package jenkins.model;

import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

// Real: public class Jenkins extends AbstractCIBase implements DirectlyModifiableTopLevelItemGroup, StaplerProxy,
// StaplerFallback, ModifiableViewGroup, AccessControlled, DescriptorByNameOwner, ModelObjectWithContextMenu,
// ModelObjectWithChildren, OnMaster, Loadable (DirectlyModifiableTopLevelItemGroup is an ItemGroup<TopLevelItem>)
@SuppressWarnings("rawtypes")
public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = null;
    public static final Permission MANAGE = null;
    public static final Permission READ = null;

    // Real: protected Jenkins(File root, ServletContext context) and (…, PluginManager), both throwing
    // IOException, InterruptedException and ReactorException. Not declared here (ReactorException is not stood in
    // for); this private constructor only takes away the implicit public one, which the real class lacks.
    private Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends hudson.model.Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setSecurityRealm(hudson.security.SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setAuthorizationStrategy(hudson.security.AuthorizationStrategy a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends hudson.model.Item> java.util.List<T> getAllItems(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends hudson.model.Item> T getItemByFullName(String fullName, Class<T> type)
            throws org.springframework.security.access.AccessDeniedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
