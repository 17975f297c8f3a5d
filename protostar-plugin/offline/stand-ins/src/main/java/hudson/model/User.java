// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/User.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package hudson.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import org.springframework.security.core.Authentication;

// Real: ... extends AbstractModelObject implements AccessControlled, DescriptorByNameOwner, Loadable, Saveable,
// Comparable<User>, ModelObjectWithContextMenu, StaplerProxy
public class User extends AbstractModelObject implements AccessControlled {
    private User() {}

    private User(String id, String fullName) {}

    public Authentication impersonate2() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static User getById(String id, boolean create) {
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
