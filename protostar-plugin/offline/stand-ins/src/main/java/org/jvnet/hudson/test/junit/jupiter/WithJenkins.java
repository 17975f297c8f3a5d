// Compile-only stand-in for the JenkinsRule tests, never packaged: org.jenkins-ci.main:jenkins-test-harness:2578.v44660312fd37 (plugin parent 6.2221)
// Signatures read from jenkinsci/jenkins-test-harness src/main/java/org/jvnet/hudson/test/junit/jupiter/WithJenkins.java at 96b52f42; jenkins-api-facts.md section 4.1.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package org.jvnet.hudson.test.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real is also @ExtendWith(JenkinsExtension.class): left out, these tests never run against stand-ins.
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkins {}
