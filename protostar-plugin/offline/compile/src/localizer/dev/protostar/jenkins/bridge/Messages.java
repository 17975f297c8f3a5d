// Offline stand-in for the class the localizer plugin generates from Messages.properties in the hpi build
// (the plugin POM runs org.jvnet.localizer:localizer-maven-plugin, which the offline build cannot resolve).
// One method per key, named as the localizer names them; MessagesTest keeps it in step with the properties.
// Never packaged.
package dev.protostar.jenkins.bridge;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

public class Messages {
    private static String format(String key, Object... args) {
        String pattern = ResourceBundle.getBundle("dev.protostar.jenkins.bridge.Messages", Locale.ROOT).getString(key);
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    public static String SpecDefaults_RouterTitle() {
        return format("SpecDefaults.RouterTitle");
    }

    public static String SpecDefaults_HealthTitle() {
        return format("SpecDefaults.HealthTitle");
    }

    public static String SpecDefaults_Where(Object arg1, Object arg2, Object arg3) {
        return format("SpecDefaults.Where", arg1, arg2, arg3);
    }

    public static String SpecSource_SharedSpec(Object arg1) {
        return format("SpecSource.SharedSpec", arg1);
    }

    public static String SpecSource_NotAPath() {
        return format("SpecSource.NotAPath");
    }

    public static String SpecSource_NotAPathHere() {
        return format("SpecSource.NotAPathHere");
    }

    public static String SpecSource_NotRelative(Object arg1) {
        return format("SpecSource.NotRelative", arg1);
    }

    public static String SpecSource_Outside(Object arg1) {
        return format("SpecSource.Outside", arg1);
    }

    public static String SpecSource_BadPath(Object arg1) {
        return format("SpecSource.BadPath", arg1);
    }

    public static String SpecCheck_Empty() {
        return format("SpecCheck.Empty");
    }

    public static String SpecCheck_Unnamed() {
        return format("SpecCheck.Unnamed");
    }

    public static String SpecCheck_BadName() {
        return format("SpecCheck.BadName");
    }

    public static String BadgeModel_Deployed(Object arg1, Object arg2, Object arg3) {
        return format("BadgeModel.Deployed", arg1, arg2, arg3);
    }

    public static String BadgeModel_DeployedImage(Object arg1, Object arg2, Object arg3, Object arg4) {
        return format("BadgeModel.DeployedImage", arg1, arg2, arg3, arg4);
    }

    public static String BadgeModel_Switched(Object arg1, Object arg2, Object arg3) {
        return format("BadgeModel.Switched", arg1, arg2, arg3);
    }

    public static String BadgeModel_SwitchedImage(Object arg1, Object arg2, Object arg3, Object arg4) {
        return format("BadgeModel.SwitchedImage", arg1, arg2, arg3, arg4);
    }

    public static String BadgeModel_RolledBackImage(Object arg1, Object arg2, Object arg3, Object arg4) {
        return format("BadgeModel.RolledBackImage", arg1, arg2, arg3, arg4);
    }

    public static String BadgeModel_Failed(Object arg1, Object arg2) {
        return format("BadgeModel.Failed", arg1, arg2);
    }

    public static String BadgeModel_FailedIn(Object arg1, Object arg2, Object arg3) {
        return format("BadgeModel.FailedIn", arg1, arg2, arg3);
    }

    public static String BadgeModel_NothingSwitched(Object arg1, Object arg2) {
        return format("BadgeModel.NothingSwitched", arg1, arg2);
    }

    public static String BadgeModel_StayedLive(Object arg1, Object arg2, Object arg3) {
        return format("BadgeModel.StayedLive", arg1, arg2, arg3);
    }

    public static String BadgeModel_WentBack(Object arg1, Object arg2, Object arg3) {
        return format("BadgeModel.WentBack", arg1, arg2, arg3);
    }

    public static String BadgeModel_NoColor() {
        return format("BadgeModel.NoColor");
    }

    public static String BadgeModel_Unsafe(Object arg1, Object arg2) {
        return format("BadgeModel.Unsafe", arg1, arg2);
    }

    public static String DeployCall_SecretFilesNotWritten(Object arg1, Object arg2) {
        return format("DeployCall.SecretFilesNotWritten", arg1, arg2);
    }
}
