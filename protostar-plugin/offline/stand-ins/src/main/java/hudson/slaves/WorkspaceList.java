// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/slaves/WorkspaceList.java at 00c7c075 (tempDir: @since 1.652).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.slaves;

import hudson.FilePath;

// Real: public final class WorkspaceList, with a public no-argument constructor (the implicit one here).
public final class WorkspaceList {
    // Real: @CheckForNull (edu.umd.cs.findbugs.annotations): null when the workspace has no parent.
    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
