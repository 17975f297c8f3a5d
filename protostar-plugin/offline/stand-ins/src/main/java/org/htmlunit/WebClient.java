// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/WebClient.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit;

import java.io.Serializable;

public class WebClient implements Serializable, AutoCloseable {
    public WebClientOptions getOptions() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <P extends Page> P getPage(WebRequest request) throws java.io.IOException, FailingHttpStatusCodeException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
