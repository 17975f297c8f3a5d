// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/junit/jupiter/WithJenkinsConfiguredWithCode.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.misc.junit.jupiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real is also @ExtendWith(JenkinsConfiguredWithCodeExtension.class): left out, these tests never run against stand-ins.
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WithJenkinsConfiguredWithCode {}
