// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/HttpResponse.java at 135bbbc88.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

// Real also has the deprecated StaplerRequest/StaplerResponse overload, also a default method.
public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
