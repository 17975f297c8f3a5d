package dev.protostar.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;

/** Small helpers shared by the form methods. */
final class Forms {
    private Forms() {}

    /** @param problem a problem in words, or null when the value is fine */
    static FormValidation check(String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    /** Whether the current user may configure {@code item}, or Jenkins itself when there is no item. */
    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
