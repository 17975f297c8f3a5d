package dev.protostar.core.docker;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Checks a build context before it is packed and sent to the engine. It is packed as docker-java packs it
 * ({@link ContextTar}), and docker-java packs a symlinked directory by following it (Docker's own CLI
 * stores the link instead), so a link to a directory
 * outside the context would carry outside files into the image, and a link to one of its own
 * ancestors would be packed without end. Both are refused here, naming the link, also where
 * .dockerignore names it: docker-java still packs the files behind such a link, whatever the
 * patterns say. A symlink to a file is packed as a link (its target is never read), so it may
 * point anywhere, as with Docker's CLI.
 */
final class BuildContext {
    private BuildContext() {}

    static void check(Path context) {
        Path root;
        try {
            root = context.toRealPath();
        } catch (IOException e) {
            throw new DockerException("build.context " + context + " cannot be read: " + e.getMessage(), e);
        }
        try {
            // Walked the way docker-java packs it: symlinked directories are followed.
            Files.walkFileTree(context, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (Files.isSymbolicLink(dir) && !dir.toRealPath().startsWith(root)) {
                        throw refused(context, dir, "a symlink to " + dir.toRealPath() + ", outside the build context");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        throw refused(context, file, "a symlink to a directory that contains it, so the context would never end");
                    }
                    throw new DockerException("build.context: cannot read " + context.relativize(file) + " in " + context
                            + ": " + e.getMessage() + "; nothing was built", e);
                }
            });
        } catch (IOException e) {
            throw new DockerException("build.context " + context + " cannot be read: " + e.getMessage() + "; nothing was built", e);
        }
    }

    private static DockerException refused(Path context, Path link, String what) {
        return new DockerException("build.context: " + context.relativize(link) + " in " + context + " is " + what
                + "; Protostar does not send files from outside the context to the engine. Copy what it needs into the "
                + "context (or remove the link), then deploy again. Nothing was built.", null);
    }
}
