// Offline stand-in for the class the localizer plugin generates from Messages.properties in the hpi build
// (the plugin POM runs org.jvnet.localizer:localizer-maven-plugin, which the offline build cannot resolve).
// One method per key, named as the localizer names them; MessagesTest keeps it in step with the properties.
// Never packaged.
package dev.protostar.jenkins;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

public class Messages {
    private static String format(String key, Object... args) {
        String pattern = ResourceBundle.getBundle("dev.protostar.jenkins.Messages", Locale.ROOT).getString(key);
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    public static String ProtostarDeployStep_DisplayName() {
        return format("ProtostarDeployStep.DisplayName");
    }

    public static String ProtostarSwitchStep_DisplayName() {
        return format("ProtostarSwitchStep.DisplayName");
    }

    public static String ProtostarVerifyStep_DisplayName() {
        return format("ProtostarVerifyStep.DisplayName");
    }

    public static String ProtostarReleaseLockStep_DisplayName() {
        return format("ProtostarReleaseLockStep.DisplayName");
    }

    public static String ProtostarGlobalConfiguration_DisplayName() {
        return format("ProtostarGlobalConfiguration.DisplayName");
    }

    public static String SharedSpec_DisplayName() {
        return format("SharedSpec.DisplayName");
    }

    public static String DockerHostEntry_DisplayName() {
        return format("DockerHostEntry.DisplayName");
    }

    public static String EngineExecution_BuiltInNodeRefused() {
        return format("EngineExecution.BuiltInNodeRefused");
    }

    public static String EngineExecution_AgentLost(Object arg1) {
        return format("EngineExecution.AgentLost", arg1);
    }

    public static String EngineExecution_TheAgent() {
        return format("EngineExecution.TheAgent");
    }

    public static String EngineExecution_Agent(Object arg1) {
        return format("EngineExecution.Agent", arg1);
    }

    public static String DockerHosts_UnknownHost(Object arg1) {
        return format("DockerHosts.UnknownHost", arg1);
    }

    public static String ProtostarGlobalConfiguration_UnknownSharedSpec(Object arg1) {
        return format("ProtostarGlobalConfiguration.UnknownSharedSpec", arg1);
    }

    public static String DockerHosts_CredentialsNeedAHost() {
        return format("DockerHosts.CredentialsNeedAHost");
    }

    public static String DockerHosts_CredentialsNotFound(Object arg1, Object arg2) {
        return format("DockerHosts.CredentialsNotFound", arg1, arg2);
    }

    public static String EngineExecution_NoTempDir(Object arg1) {
        return format("EngineExecution.NoTempDir", arg1);
    }

    public static String EngineExecution_AgentOffline(Object arg1) {
        return format("EngineExecution.AgentOffline", arg1);
    }

    public static String EngineStepDescriptor_UnknownSharedSpec(Object arg1) {
        return format("EngineStepDescriptor.UnknownSharedSpec", arg1);
    }

    public static String EngineStepDescriptor_UnknownDockerHost() {
        return format("EngineStepDescriptor.UnknownDockerHost");
    }

    public static String ProtostarSwitchStep_BadTarget() {
        return format("ProtostarSwitchStep.BadTarget");
    }

    public static String ProtostarGlobalConfiguration_TwoEndpoints(Object arg1) {
        return format("ProtostarGlobalConfiguration.TwoEndpoints", arg1);
    }

    public static String ProtostarGlobalConfiguration_TwoSharedSpecs(Object arg1) {
        return format("ProtostarGlobalConfiguration.TwoSharedSpecs", arg1);
    }

    public static String DockerHostEntry_BadName() {
        return format("DockerHostEntry.BadName");
    }

    public static String DockerHostEntry_NameLikeAUri() {
        return format("DockerHostEntry.NameLikeAUri");
    }

    public static String DockerHostEntry_BadUri() {
        return format("DockerHostEntry.BadUri");
    }

    public static String DockerHostEntry_NoAnswer(Object arg1, Object arg2) {
        return format("DockerHostEntry.NoAnswer", arg1, arg2);
    }

    public static String EngineExecution_Stopping() {
        return format("EngineExecution.Stopping");
    }

    public static String EngineExecution_Restarted() {
        return format("EngineExecution.Restarted");
    }

    public static String EngineExecution_RestartedRecorded(Object arg1) {
        return format("EngineExecution.RestartedRecorded", arg1);
    }

    public static String EngineExecution_RestartedStillRunning(Object arg1) {
        return format("EngineExecution.RestartedStillRunning", arg1);
    }

    public static String EngineExecution_RestartedNotRecorded() {
        return format("EngineExecution.RestartedNotRecorded");
    }

    public static String EngineExecution_RestartedUnreadable(Object arg1, Object arg2) {
        return format("EngineExecution.RestartedUnreadable", arg1, arg2);
    }

    public static String EngineExecution_RestartedNoOutcome() {
        return format("EngineExecution.RestartedNoOutcome");
    }

    public static String EngineExecution_AgentNotBack() {
        return format("EngineExecution.AgentNotBack");
    }

    public static String PipelineAdvice_SwitchTo(Object arg1) {
        return format("PipelineAdvice.SwitchTo", arg1);
    }

    public static String PipelineAdvice_Deploy() {
        return format("PipelineAdvice.Deploy");
    }

    public static String PipelineAdvice_Status() {
        return format("PipelineAdvice.Status");
    }

    public static String PipelineAdvice_ReleaseLock() {
        return format("PipelineAdvice.ReleaseLock");
    }

    public static String PipelineAdvice_ReleaseLockOf(Object arg1) {
        return format("PipelineAdvice.ReleaseLockOf", arg1);
    }

    public static String PipelineAdvice_SpecLocation() {
        return format("PipelineAdvice.SpecLocation");
    }

    public static String PipelineAdvice_History() {
        return format("PipelineAdvice.History");
    }

    public static String PipelineAdvice_RollbackField() {
        return format("PipelineAdvice.RollbackField");
    }

    public static String ProtostarDeployStep_RollbackAlone() {
        return format("ProtostarDeployStep.RollbackAlone");
    }

    public static String Summary_LogLine(Object arg1) {
        return format("Summary.LogLine", arg1);
    }

    public static String EngineExecution_BadSpecPath(Object arg1) {
        return format("EngineExecution.BadSpecPath", arg1);
    }

    public static String EngineExecution_Stopped(Object arg1) {
        return format("EngineExecution.Stopped", arg1);
    }

    public static String DockerHostEntry_Answers(Object arg1, Object arg2) {
        return format("DockerHostEntry.Answers", arg1, arg2);
    }

    public static String DockerHosts_NoSuchCredentials(Object arg1, Object arg2) {
        return format("DockerHosts.NoSuchCredentials", arg1, arg2);
    }

    public static String ProtostarGlobalConfiguration_NotSaved(Object arg1) {
        return format("ProtostarGlobalConfiguration.NotSaved", arg1);
    }

    public static String ProtostarDeployStep_Binding(Object arg1) {
        return format("ProtostarDeployStep.Binding", arg1);
    }

    public static String SecretTextBinding_DisplayName() {
        return format("SecretTextBinding.DisplayName");
    }

    public static String UsernamePasswordBinding_DisplayName() {
        return format("UsernamePasswordBinding.DisplayName");
    }

    public static String SecretFileBinding_DisplayName() {
        return format("SecretFileBinding.DisplayName");
    }

    public static String SecretFileBinding_TooLarge(Object arg1) {
        return format("SecretFileBinding.TooLarge", arg1);
    }

    public static String CredentialBinding_BadVariable() {
        return format("CredentialBinding.BadVariable");
    }

    public static String CredentialBindings_Null(Object arg1) {
        return format("CredentialBindings.Null", arg1);
    }

    public static String CredentialBindings_NoId(Object arg1) {
        return format("CredentialBindings.NoId", arg1);
    }

    public static String CredentialBindings_BadVariable(Object arg1, Object arg2) {
        return format("CredentialBindings.BadVariable", arg1, arg2);
    }

    public static String CredentialBindings_Twice(Object arg1, Object arg2) {
        return format("CredentialBindings.Twice", arg1, arg2);
    }

    public static String CredentialBindings_NotFound(Object arg1, Object arg2) {
        return format("CredentialBindings.NotFound", arg1, arg2);
    }

    public static String CredentialBindings_WrongType(Object arg1, Object arg2, Object arg3) {
        return format("CredentialBindings.WrongType", arg1, arg2, arg3);
    }

    public static String CredentialBindings_Unreadable(Object arg1, Object arg2, Object arg3) {
        return format("CredentialBindings.Unreadable", arg1, arg2, arg3);
    }

    public static String RegistryCredentials_NotFound(Object arg1, Object arg2) {
        return format("RegistryCredentials.NotFound", arg1, arg2);
    }

    public static String RegistryCredentials_WrongType(Object arg1, Object arg2) {
        return format("RegistryCredentials.WrongType", arg1, arg2);
    }

    public static String RegistryCredentials_Incomplete(Object arg1, Object arg2) {
        return format("RegistryCredentials.Incomplete", arg1, arg2);
    }

    public static String RegistryCredentials_Unreadable(Object arg1, Object arg2, Object arg3) {
        return format("RegistryCredentials.Unreadable", arg1, arg2, arg3);
    }

    public static String RegistryCredentials_BoundTwice(Object arg1, Object arg2, Object arg3) {
        return format("RegistryCredentials.BoundTwice", arg1, arg2, arg3);
    }
}
