// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java at 135bbbc88.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {}
