package dev.protostar.core.router;

import dev.protostar.core.spec.Color;
import java.io.Serializable;

/**
 * What nginx routes an app to, as written in the app's include file.
 *
 * @param endpoint host:port of the live color
 * @param backup host:port nginx falls back to while the previous color drains, or null
 * @param image the live color's image id
 * @param since when this route was written (ISO-8601)
 */
public record Route(String app, Color color, String endpoint, String backup, String image, String since, String deployId)
        implements Serializable {}
