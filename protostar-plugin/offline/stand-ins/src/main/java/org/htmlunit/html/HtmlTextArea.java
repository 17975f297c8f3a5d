// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness-htmlunit:234.vd12a_f49297c1 (HtmlUnit 4, package org.htmlunit)
// Signatures read from HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlTextArea.java at 1055fa0aa5 (upstream of that repackaging).
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.htmlunit.html;

// Real: extends HtmlElement implements DisabledElement, SubmittableElement, LabelableElement, ValidatableElement
public class HtmlTextArea {
    // Real: package-private HtmlTextArea(String qualifiedName, SgmlPage page, Map<String, DomAttr> attributes). Not declared here, since their parameter types are not stood in for; this
    // private constructor only takes away the implicit public no-argument one, which the real class lacks.
    private HtmlTextArea() {}

    public final void setText(String newValue) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
