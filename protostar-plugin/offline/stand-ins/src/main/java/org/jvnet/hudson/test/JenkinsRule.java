// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/JenkinsRule.java at 96b52f42; jenkins-api-facts.md section 4.1.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.SecurityRealm;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

// Real: public class JenkinsRule implements TestRule, MethodRule, RootAction
@SuppressWarnings("rawtypes")
public class JenkinsRule {
    public Jenkins jenkins;

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public DumbSlave createOnlineSlave(Label l) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run> R assertBuildStatusSuccess(Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public HtmlPage submit(HtmlForm form) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void assertEqualDataBoundBeans(List<?> lhs, List<?> rhs) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    // Real: extends AbstractPasswordBasedSecurityRealm
    public static class DummySecurityRealm extends SecurityRealm {}

    public class WebClient extends org.htmlunit.WebClient {
        public URL createCrumbedUrl(String relativePath) throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public HtmlPage goTo(String relative) throws IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public Page goTo(String relative, String expectedContentType) throws IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public HtmlPage getPage(Run r) throws IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public HtmlPage getPage(Item item) throws IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
