// Compile-only stand-in, never packaged: org.jenkins-ci:symbol-annotation:1.25 (jenkins-core 2.541.3)
// Signatures read from jenkins-api-facts.md section 2.2, which quotes jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

// Real is also @Indexed (annotation-indexer).
@Retention(RUNTIME)
@Target(TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
