// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    public boolean hasPermission2(Authentication a, Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static ACLContext as2(Authentication auth) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
