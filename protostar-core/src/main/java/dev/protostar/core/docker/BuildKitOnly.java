package dev.protostar.core.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfile syntax only BuildKit understands. Protostar builds through the Docker API's classic builder, which fails on
 * it ("the --mount option requires BuildKit") after sending the whole context; finding it up front fails at once, with
 * the way out: build with BuildKit where the pipeline runs, push, deploy the pushed image.
 */
final class BuildKitOnly {
    /** RUN --mount/--network/--security, COPY/ADD --link: flags of BuildKit's Dockerfile frontend only. */
    private static final Pattern FLAG = Pattern.compile("(?i)^\\s*(RUN|COPY|ADD)\\s+(?:--[a-z]+(?:=\\S*)?\\s+)*?"
            + "(--(?:mount|network|security|link)\\b)");

    private BuildKitOnly() {}

    /** The first BuildKit-only instruction in {@code dockerfile}, as "line N: RUN --mount", if any. */
    static Optional<String> in(Path dockerfile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty(); // the build itself says what is wrong with the file
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FLAG.matcher(lines.get(i));
            if (m.find()) {
                return Optional.of("line " + (i + 1) + ": " + m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
            }
        }
        return Optional.empty();
    }

    /** The error for a Dockerfile that needs BuildKit, naming the way out. */
    static DockerException refused(Path dockerfile, String where) {
        return new DockerException("build.dockerfile " + dockerfile + " needs BuildKit (" + where + "), and Protostar builds with "
                + "the Docker API's classic builder. Build it with BuildKit in the pipeline and deploy what you pushed: "
                + "docker buildx build --push -t registry.example.com/team/app:$GIT_COMMIT . (or DOCKER_BUILDKIT=1 docker build, "
                + "then docker push), then deploy it by digest: protostar deploy --image registry.example.com/team/app@sha256:… "
                + "(protostarDeploy image: … in a Jenkinsfile). Nothing was built and nothing that serves was changed.", null);
    }
}
