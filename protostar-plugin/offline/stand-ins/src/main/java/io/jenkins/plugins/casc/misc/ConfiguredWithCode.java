// Compile-only stand-in for the JenkinsRule tests, never packaged: io.jenkins:configuration-as-code and io.jenkins.configuration-as-code:test-harness (version from bom-2.541.x)
// Signatures read from jenkinsci/configuration-as-code-plugin test-harness/src/main/java/io/jenkins/plugins/casc/misc/ConfiguredWithCode.java at 58646eb6.
// Declares only what protostar-plugin's tests use; supertypes left out are named in a comment.
package io.jenkins.plugins.casc.misc;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

// Real also has Class<? extends Throwable> expected() default org.junit.Test.None.class (JUnit 4), left out here.
@Target({METHOD, FIELD})
@Retention(RUNTIME)
public @interface ConfiguredWithCode {
    String[] value();

    String message() default "";
}
