// Compile-only stand-in, never packaged: org.kohsuke.stapler:stapler:2050.v425108fd5089 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java at 135bbbc88.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

public interface StaplerRequest2 extends HttpServletRequest {
    <T> T bindJSON(Class<T> type, JSONObject src);

    void bindJSON(Object bean, JSONObject src);

    <T> T findAncestorObject(Class<T> type);
}
