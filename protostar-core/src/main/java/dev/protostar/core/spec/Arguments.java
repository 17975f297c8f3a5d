package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import java.util.regex.Pattern;

/**
 * The checks for what a caller passes next to a spec (CLI options, Jenkins step arguments): each
 * returns why a value cannot be used, or null, so that the caller names the option or argument the
 * way its user wrote it ({@code --image}, {@code image:}). Values that reach the Docker API, a label
 * or the history are held to narrow character sets, like every value of a spec.
 */
public final class Arguments {
    /** {@code [registry[:port]/]name[:tag][@sha256:digest]}, or an image id (full or at least 12 hex digits). */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "([a-z0-9][a-z0-9.-]{0,252}(:\\d{1,5})?/)?[a-z0-9]+(?:(?:[._]|__|-+|/)[a-z0-9]+){0,30}"
                    + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");
    private static final Pattern IMAGE_ID = Pattern.compile("(sha256:)?[a-f0-9]{12,64}");
    private static final Pattern ROLLBACK_TARGET = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/@-]*");
    private static final int MAX_OWNER = 1000;
    private static final int MAX_REVISION = 200;
    private static final int MAX_PATH = 4096;

    private Arguments() {}

    /** An existing image to deploy, by reference or id. */
    public static String imageProblem(String image) {
        if (image == null) {
            return null;
        }
        if (image.length() > 600 || !(IMAGE_REFERENCE.matcher(image).matches() || IMAGE_ID.matcher(image).matches())) {
            return "\"" + Printable.of(image) + "\" is not an image reference: name[:tag][@sha256:digest] in lower case, "
                    + "optionally after registry[:port]/, or an image id";
        }
        return null;
    }

    /** A source revision (a commit, a branch, a describe string) the image and the history are labelled with. */
    public static String revisionProblem(String revision) {
        if (revision == null) {
            return null;
        }
        if (revision.isEmpty() || revision.length() > MAX_REVISION || Printable.hasHidden(revision)) {
            return "\"" + Printable.of(revision) + "\" is not a revision: one line of at most " + MAX_REVISION
                    + " characters, without control characters";
        }
        return null;
    }

    /** Who deploys (a user, a build URL): shown in the lock and the history, so one printable line. */
    public static String ownerProblem(String owner) {
        if (owner == null) {
            return null;
        }
        if (owner.length() > MAX_OWNER || Printable.hasHidden(owner)) {
            return "\"" + Printable.of(owner) + "\" cannot name who deploys: one line of at most " + MAX_OWNER
                    + " characters, without control characters";
        }
        return null;
    }

    /** The path of a spec file as given on a command line. */
    public static String specPathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "names no file";
        }
        if (path.length() > MAX_PATH || path.indexOf('\0') >= 0) {
            return "\"" + Printable.of(path) + "\" is not a file path (a NUL character, or longer than " + MAX_PATH + ")";
        }
        try {
            java.nio.file.Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            return "\"" + Printable.of(path) + "\" is not a file path here";
        }
        return null;
    }

    /** An app's name, as a spec's {@code app:} takes it. */
    public static String appProblem(String app) {
        if (app == null || !SpecParser.APP.matcher(app).matches()) {
            return "\"" + Printable.of(String.valueOf(app)) + "\" is not an app name: lower-case letters, digits and '-', "
                    + "starting with a letter, at most 30 characters";
        }
        return null;
    }

    /** A Docker engine, as a spec's {@code docker.host} takes it. */
    public static String dockerHostProblem(String host) {
        if (host == null || !DockerHosts.HOST.matcher(host).matches()) {
            return "\"" + Printable.of(String.valueOf(host)) + "\" is not a Docker engine: unix:///path/to/docker.sock "
                    + "or tcp://host:port";
        }
        return null;
    }

    /** What a rollback goes back to: a deploy id, a tag or a digest, as the history shows them (null: the previous version). */
    public static String rollbackTargetProblem(String to) {
        if (to == null) {
            return null;
        }
        if (to.isEmpty() || to.length() > 300 || !ROLLBACK_TARGET.matcher(to).matches()) {
            return "\"" + Printable.of(to) + "\" names no version: a deploy id, an image tag or a digest from the history";
        }
        return null;
    }

    /** "previous", "blue" or "green". */
    public static String switchTargetProblem(String to) {
        if (to == null || to.equals("previous") || to.equals("blue") || to.equals("green")) {
            return null;
        }
        return "must be previous, blue or green, got \"" + Printable.of(to) + "\"";
    }
}
