package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * What runs now, read from the host.
 *
 * @param live the live color, or null when nginx has no route for the app
 * @param answering what nginx answers with right now (a color, or why there is none); differs from
 *     {@code live} when the include file changed without a reload
 * @param lockedBy the deploy lock's holder, or null
 */
public record StatusReport(String app, String live, String endpoint, String image, String since, String deploy,
                           String answering, List<ColorState> colors, String lockedBy) implements Serializable {

    /** @param state Docker's state ("running", "exited"…) or "absent" */
    public record ColorState(String color, String container, String state, String health, String image,
                             String endpoint, boolean live) implements Serializable {}
}
