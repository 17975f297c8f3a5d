// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    private FormValidation(Kind kind) {}

    private FormValidation(Kind kind, String message) {}

    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind = null;

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract String renderHtml();
}
