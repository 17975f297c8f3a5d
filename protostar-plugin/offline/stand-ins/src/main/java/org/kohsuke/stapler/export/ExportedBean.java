// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/export/ExportedBean.java at 06a23753.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler.export;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Real: also @Indexed (annotation-indexer), left out.
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Target(ElementType.TYPE)
public @interface ExportedBean {
    int defaultVisibility() default 1;
}
