// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlForm.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit.html;

// Real: extends HtmlElement
public class HtmlForm {
    // Real: package-private HtmlForm(String qualifiedName, SgmlPage htmlPage, Map<String, DomAttr> attributes). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private HtmlForm() {}

    public HtmlTextArea getTextAreaByName(String name) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
