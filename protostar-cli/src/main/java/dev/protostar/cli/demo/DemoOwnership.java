package dev.protostar.cli.demo;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.docker.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What on the engine the demo made: its image carries {@link #LABEL}, and so do the containers made
 * from it. A deploy of the demo would replace the containers of an app of the same name and prune its
 * images, so the demo runs (and {@code --down} removes) only where everything of that name is its own.
 */
final class DemoOwnership {
    static final String LABEL = "dev.protostar.demo";
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final Docker docker;
    private final String app;

    DemoOwnership(Docker docker, String app) {
        this.docker = docker;
        this.app = app;
    }

    /** Marks the sample app's image (and so its containers) as the demo's. */
    static void mark(Path source) throws IOException {
        Files.writeString(source.resolve("Dockerfile"), "LABEL " + LABEL + "=true\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The containers and images of the app on the engine that the demo did not make, described for a message. */
    List<String> foreign() {
        List<String> found = new ArrayList<>();
        for (Container c : containers()) {
            if (!demos(c.getLabels())) {
                found.add("container " + name(c) + " (image " + c.getImage() + ", " + c.getState() + ")");
            }
        }
        for (Image i : images()) {
            if (!demos(i.getLabels())) {
                found.add("image " + (i.getRepoTags() == null || i.getRepoTags().length == 0 ? i.getId() : String.join(", ", i.getRepoTags())));
            }
        }
        return found;
    }

    /** The app's containers the demo made, by name. */
    List<String> ownContainers() {
        return containers().stream().filter(c -> demos(c.getLabels())).map(DemoOwnership::name).toList();
    }

    /** The app's images the demo made, by id. */
    List<String> ownImages() {
        return images().stream().filter(i -> demos(i.getLabels())).map(Image::getId).toList();
    }

    /**
     * The app's colors: labelled with the app and a color, or named like one (a deploy would replace that too).
     * The engine's own containers for the app (its lock) are not colors, and a demo's deploys make them too.
     */
    private List<Container> containers() {
        Pattern colorName = Pattern.compile("/?" + Pattern.quote(app) + "-(blue|green)(-retiring-.*)?");
        return docker.call("list containers", QUICK, () -> docker.client().listContainersCmd().withShowAll(true).exec()).stream()
                .filter(c -> (app.equals(label(c.getLabels(), Labels.APP)) && label(c.getLabels(), Labels.COLOR) != null)
                        || (c.getNames() != null && List.of(c.getNames()).stream().anyMatch(n -> colorName.matcher(n).matches())))
                .toList();
    }

    /** The images a deploy of the app would prune: those labelled with it. */
    private List<Image> images() {
        return docker.call("list images of " + app, QUICK,
                () -> docker.client().listImagesCmd().withLabelFilter(Map.of(Labels.APP, app)).exec());
    }

    private static boolean demos(Map<String, String> labels) {
        return "true".equals(label(labels, LABEL));
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    private static String name(Container c) {
        return c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
    }
}
