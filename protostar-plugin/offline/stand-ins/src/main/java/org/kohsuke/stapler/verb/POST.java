// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/verb/POST.java at 135bbbc88.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real is also @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = Stage.SELECTION).
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
