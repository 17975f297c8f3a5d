// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlPage.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit.html;

import org.htmlunit.Page;
import org.htmlunit.WebResponse;

// Real: extends SgmlPage (a DomNode) implements Page, org.w3c.dom.Document
public class HtmlPage implements Page {
    // Real: public HtmlPage(WebResponse webResponse, WebWindow webWindow). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private HtmlPage() {}

    public HtmlForm getFormByName(String name) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String asNormalizedText() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String asXml() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public WebResponse getWebResponse() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
