// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {}

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static String toString(Secret s) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
