package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.SpecCheck;
import dev.protostar.jenkins.bridge.SpecSource;
import hudson.AbortException;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/** Manage Jenkins > System > Protostar Deploy; JCasC: {@code unclassified: protostar:}. */
@Extension
@Symbol("protostar")
public final class ProtostarGlobalConfiguration extends GlobalConfiguration {
    private List<DockerHostEntry> dockerHosts = new ArrayList<>();
    private String routerDefaults;
    private String healthDefaults;
    private List<SharedSpec> sharedSpecs = new ArrayList<>();
    private boolean allowBuiltInNode;

    public ProtostarGlobalConfiguration() {
        load();
    }

    public static ProtostarGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(ProtostarGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.ProtostarGlobalConfiguration_DisplayName();
    }

    public List<DockerHostEntry> getDockerHosts() {
        return dockerHosts == null ? List.of() : List.copyOf(dockerHosts);
    }

    @DataBoundSetter
    public void setDockerHosts(List<DockerHostEntry> dockerHosts) {
        this.dockerHosts = dockerHosts == null ? new ArrayList<>() : new ArrayList<>(dockerHosts);
        save();
    }

    /** The body of a {@code router:} section for specs that have none. */
    public String getRouterDefaults() {
        return routerDefaults;
    }

    @DataBoundSetter
    public void setRouterDefaults(String routerDefaults) {
        this.routerDefaults = yaml(routerDefaults);
        save();
    }

    /** The body of a {@code health:} section for specs that have none. */
    public String getHealthDefaults() {
        return healthDefaults;
    }

    @DataBoundSetter
    public void setHealthDefaults(String healthDefaults) {
        this.healthDefaults = yaml(healthDefaults);
        save();
    }

    /** Null when blank; otherwise as typed, but for trailing space: a first line's indentation is YAML structure. */
    private static String yaml(String text) {
        return text == null || text.isBlank() ? null : text.stripTrailing();
    }

    public List<SharedSpec> getSharedSpecs() {
        return sharedSpecs == null ? List.of() : List.copyOf(sharedSpecs);
    }

    @DataBoundSetter
    public void setSharedSpecs(List<SharedSpec> sharedSpecs) {
        this.sharedSpecs = sharedSpecs == null ? new ArrayList<>() : new ArrayList<>(sharedSpecs);
        save();
    }

    /**
     * Whether steps may run the engine on the built-in node, that is inside the controller's JVM, as the
     * Jenkins user, with the controller's files and Docker socket. Off unless an administrator allows it.
     */
    public boolean isAllowBuiltInNode() {
        return allowBuiltInNode;
    }

    @DataBoundSetter
    public void setAllowBuiltInNode(boolean allowBuiltInNode) {
        this.allowBuiltInNode = allowBuiltInNode;
        save();
    }

    /**
     * Saves only a valid configuration: a spec or default section the engine would refuse is
     * reported with its line and column, and what was in force before stays in force.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try (BulkChange bc = new BulkChange(this)) {
            List<String> problems = bindChecked(() -> req.bindJSON(this, json));
            if (!problems.isEmpty()) {
                bc.abort();
                throw new FormException(String.join("\n", problems), "sharedSpecs");
            }
            bc.commit();
        } catch (IOException e) {
            throw new FormException(Messages.ProtostarGlobalConfiguration_NotSaved(e.getMessage()), e, "dockerHosts");
        }
        return true;
    }

    /**
     * Binds the submitted form; if the result cannot be used, puts back exactly what was in force
     * before and returns why. Reloading instead would not do: Descriptor#load returns early
     * when nothing was saved yet, and {@code XmlFile.unmarshal} leaves a field the XML lacks (a value
     * that was null is not written) as the refused form set it (jenkins-core
     * {@code hudson/model/Descriptor.java}, {@code hudson/XmlFile.java}).
     */
    List<String> bindChecked(Runnable bind) {
        Settings before = new Settings(dockerHosts, routerDefaults, healthDefaults, sharedSpecs, allowBuiltInNode);
        // Lists left empty in the form are absent from the JSON; reset them so removing the last entry sticks.
        dockerHosts = new ArrayList<>();
        sharedSpecs = new ArrayList<>();
        routerDefaults = null;
        healthDefaults = null;
        allowBuiltInNode = false;
        bind.run();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            dockerHosts = before.dockerHosts();
            routerDefaults = before.routerDefaults();
            healthDefaults = before.healthDefaults();
            sharedSpecs = before.sharedSpecs();
            allowBuiltInNode = before.allowBuiltInNode();
        }
        return problems;
    }

    private record Settings(List<DockerHostEntry> dockerHosts, String routerDefaults, String healthDefaults,
                            List<SharedSpec> sharedSpecs, boolean allowBuiltInNode) {}

    /** Every reason this configuration cannot be used, in words; empty when it is fine. */
    List<String> problems() {
        return problems(getDockerHosts(), routerDefaults, healthDefaults, getSharedSpecs());
    }

    static List<String> problems(List<DockerHostEntry> dockerHosts, String routerDefaults, String healthDefaults,
                                 List<SharedSpec> sharedSpecs) {
        List<String> problems = new ArrayList<>();
        addIfPresent(problems, SpecCheck.section("router", routerDefaults));
        addIfPresent(problems, SpecCheck.section("health", healthDefaults));
        Set<String> names = new HashSet<>();
        for (DockerHostEntry h : dockerHosts) {
            addIfPresent(problems, DockerHostEntry.nameProblem(h.getName()));
            addIfPresent(problems, DockerHostEntry.uriProblem(h.getUri()));
            if (h.getName() != null && !names.add("host:" + h.getName())) {
                problems.add(Messages.ProtostarGlobalConfiguration_TwoEndpoints(h.getName()));
            }
        }
        for (SharedSpec s : sharedSpecs) {
            addIfPresent(problems, SpecCheck.name(s.getName()));
            addIfPresent(problems, SpecCheck.sharedSpec(s.getName(), s.getYaml()));
            if (s.getName() != null && !names.add("spec:" + s.getName())) {
                problems.add(Messages.ProtostarGlobalConfiguration_TwoSharedSpecs(s.getName()));
            }
        }
        return problems;
    }

    private static void addIfPresent(List<String> list, String problem) {
        if (problem != null) {
            list.add(problem);
        }
    }

    DockerHostEntry findDockerHost(String name) {
        return getDockerHosts().stream().filter(h -> name.equals(h.getName())).findFirst().orElse(null);
    }

    /** Where a step's spec comes from, with this configuration's defaults. */
    SpecSource specSource(String path, String sharedSpec) throws AbortException {
        if (sharedSpec == null) {
            return new SpecSource(path, null, null, routerDefaults, healthDefaults);
        }
        SharedSpec shared = getSharedSpecs().stream().filter(s -> sharedSpec.equals(s.getName())).findFirst()
                .orElseThrow(() -> new AbortException(Messages.ProtostarGlobalConfiguration_UnknownSharedSpec(sharedSpec)));
        return new SpecSource(path, shared.getName(), shared.getYaml(), routerDefaults, healthDefaults);
    }

    @POST
    public FormValidation doCheckRouterDefaults(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Forms.check(SpecCheck.section("router", value));
    }

    @POST
    public FormValidation doCheckHealthDefaults(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return Forms.check(SpecCheck.section("health", value));
    }
}
