// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Fingerprint.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package hudson.model;

import java.util.List;

public class Fingerprint implements ModelObject, Saveable {
    public Fingerprint(Run build, String fileName, byte[] md5sum) throws java.io.IOException {}

    public synchronized List<String> getJobs() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public synchronized void save() throws java.io.IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
