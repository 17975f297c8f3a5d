// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/FailingHttpStatusCodeException.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit;

public class FailingHttpStatusCodeException extends RuntimeException {
    public FailingHttpStatusCodeException(WebResponse failingResponse) {}

    public FailingHttpStatusCodeException(String message, WebResponse failingResponse) {}

    public int getStatusCode() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public WebResponse getResponse() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
