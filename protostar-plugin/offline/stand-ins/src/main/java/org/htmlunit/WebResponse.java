// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/WebResponse.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit;

import java.io.Serializable;

public class WebResponse implements Serializable {
    // Real: public WebResponse(WebResponseData, URL, HttpMethod, long) and public WebResponse(WebResponseData, WebRequest, long). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private WebResponse() {}

    public int getStatusCode() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getContentAsString() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
