// Compile-only stand-in, never packaged: org.jenkins-ci.main:jenkins-core:2.541.3
// Signatures read from jenkinsci/jenkins core/src/main/java/hudson/model/Item.java at tag jenkins-2.541.3.
// Declares only what protostar-plugin uses; supertypes left out are named in a comment.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

// Real: extends PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed, Named, AccessControlled, OnMaster
public interface Item extends ModelObject, AccessControlled {
    Permission BUILD = null;
    Permission CONFIGURE = null;
    Permission READ = null;
    Permission EXTENDED_READ = null;
}
