// Compile-only stand-in, never packaged: org.jenkins-ci.main:remoting:3352.v17a_fb_4b_2773f (jenkins-core 2.541.3)
// Signatures read from jenkinsci/remoting src/main/java/org/jenkinsci/remoting/RoleChecker.java at fa5f12a8.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package org.jenkinsci.remoting;

public abstract class RoleChecker {}
