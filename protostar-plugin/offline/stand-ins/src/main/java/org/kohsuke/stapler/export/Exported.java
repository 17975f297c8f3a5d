// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/export/Exported.java at 26ce717d.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler.export;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Documented
@Target({FIELD, METHOD})
public @interface Exported {
    int visibility() default 0;

    String name() default "";

    boolean inline() default false;

    boolean merge() default false;

    String verboseMap() default "";
}
