package dev.protostar.jenkins;

import dev.protostar.jenkins.bridge.BadgeModel;
import hudson.model.Action;
import java.util.List;

/** The job page's "live now" table: one row per app the job deploys. Has no page of its own. */
public final class LiveColorsAction implements Action {
    /** @param buildUrl relative to the Jenkins root, like {@code job/nest/12/} */
    public record Row(BadgeModel badge, String buildName, String buildUrl) {
        public String getApp() {
            return badge.app();
        }

        public String getLive() {
            return badge.live() == null ? "none" : badge.live();
        }

        public String getSymbol() {
            return badge.symbol();
        }

        public String getTooltip() {
            return badge.tooltip();
        }

        public String getBuildName() {
            return buildName;
        }

        public String getBuildUrl() {
            return buildUrl;
        }
    }

    private final List<Row> rows;

    LiveColorsAction(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

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
