// Compile-only stand-in, never packaged: org.kohsuke.stapler:json-lib:2.4-jenkins-15 (jenkins-core 2.541.3)
// Signatures read from jenkinsci/json-lib src/main/java/net/sf/json/AbstractJSON.java (class declaration; read through the code index).
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package net.sf.json;

abstract class AbstractJSON {}
