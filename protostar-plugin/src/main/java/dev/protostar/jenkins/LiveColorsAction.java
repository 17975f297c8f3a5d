package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.BadgeModel;
import hudson.model.Action;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The job page's "live now" table: one row per app the job deploys. Has no page of its own; the job's
 * {@code api/json} shows it under {@code actions}, with each app's live color.
 */
@ExportedBean(defaultVisibility = 2)
public final class LiveColorsAction implements Action {
    /** @param buildUrl relative to the Jenkins root, like {@code job/nest/12/} */
    @ExportedBean(defaultVisibility = 2)
    public record Row(BadgeModel badge, String buildName, String buildUrl) {
        @Exported
        public String getApp() {
            return badge.app();
        }

        @Exported
        public String getLive() {
            return badge.live() == null ? "none" : badge.live();
        }

        public String getSymbol() {
            return badge.symbol();
        }

        public String getTooltip() {
            return badge.tooltip();
        }

        @Exported
        public String getBuildName() {
            return buildName;
        }

        @Exported
        public String getBuildUrl() {
            return buildUrl;
        }
    }

    private final List<Row> rows;

    LiveColorsAction(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    @Exported(inline = true)
    public List<Row> getRows() {
        return rows;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
