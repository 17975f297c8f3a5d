package dev.protostar.core.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.GoLangFileMatch;
import com.github.dockerjava.core.dockerfile.Dockerfile;
import com.github.dockerjava.core.util.FilePathUtil;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.FilenameUtils;

/**
 * A build context packed with the files and entries docker-java packs (its own reading of .dockerignore and its
 * matching), but not compressed. docker-java gzips every context it sends ({@code Dockerfile.ScannedResult} and
 * {@code CompressArchiveUtil.archiveTARFiles} in docker-java-core 3.7), and the engine unzips it again: for the demo's
 * 2 MB context that cost about 0.3 s of a 1.6 s build on this machine (docs/benchmark.md, sixth slice). Docker's own
 * CLI sends contexts uncompressed too, unless asked ({@code docker build --compress}). {@code ContextTarTest} holds the
 * entries of both packings equal.
 */
final class ContextTar {
    private ContextTar() {}

    /** The context as a tar, from a file of its own that is deleted when the stream is closed. */
    static InputStream pack(File context, File dockerfile) {
        List<File> files = files(context, dockerfile);
        Path tar = null;
        try {
            tar = Files.createTempFile("protostar-context-", ".tar");
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(tar)))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (File f : files) {
                    // named by the path as walked: a file under a symlinked directory keeps the link's name
                    add(out, f.toPath(), FilePathUtil.relativize(context.toPath(), f.toPath()));
                }
            }
            Path written = tar;
            return new FilterInputStream(new FileInputStream(written.toFile())) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(written);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            try {
                if (tar != null) {
                    Files.deleteIfExists(tar);
                }
            } catch (IOException ignored) {
                // a temp file left behind; the build's error says what matters
            }
            throw new DockerClientException("cannot pack it into " + (tar == null ? "a temporary file" : tar) + ": " + e, e);
        }
    }

    /** What docker-java sends: every file not ignored, walked into directories (linked ones too), and empty directories. */
    static List<File> files(File context, File dockerfile) {
        List<String> ignores;
        try {
            ignores = new Dockerfile(dockerfile, context).getIgnores();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String excluding = ignoredBy(ignores, context, dockerfile);
        if (excluding != null) {
            throw new DockerClientException("Dockerfile is excluded by pattern '" + excluding + "' in .dockerignore file");
        }
        List<File> files = new ArrayList<>();
        walk(context, context, ignores, files);
        return files;
    }

    private static void walk(File context, File dir, List<String> ignores, List<File> into) {
        File[] files = dir.listFiles();
        if (files == null) {
            throw new DockerClientException("Failed to read build context directory: " + context.getAbsolutePath());
        }
        if (files.length == 0 && !dir.equals(context)) {
            into.add(dir);
        }
        for (File f : files) {
            if (f.isDirectory()) {
                walk(context, f, ignores, into);
            } else if (ignoredBy(ignores, context, f) == null) {
                into.add(f);
            }
        }
    }

    /** The pattern that keeps {@code file} out, or null: the last one matching decides, and a "!" one lets it in. */
    private static String ignoredBy(List<String> ignores, File context, File file) {
        String name = FilenameUtils.normalize(FilePathUtil.relativize(context, file)); // docker-java matches the real path
        String last = null;
        for (int i = 0; i < ignores.size(); i++) {
            String pattern = ignores.get(i);
            try {
                if (GoLangFileMatch.match(pattern.startsWith("!") ? pattern.substring(1) : pattern, name)) {
                    last = pattern;
                }
            } catch (RuntimeException bad) {
                throw new DockerClientException("Invalid pattern '" + pattern + "' on line " + (i + 1) + " in .dockerignore file");
            }
        }
        return last == null || last.startsWith("!") ? null : last;
    }

    private static void add(TarArchiveOutputStream out, Path file, String name) throws IOException {
        if (Files.isSymbolicLink(file)) {
            TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(Files.readSymbolicLink(file).toString());
            out.putArchiveEntry(link);
        } else {
            TarArchiveEntry entry = out.createArchiveEntry(file.toFile(), name);
            if (file.toFile().canExecute()) {
                entry.setMode(entry.getMode() | 0755);
            }
            out.putArchiveEntry(entry);
            if (file.toFile().isFile()) {
                Files.copy(file, out);
            }
        }
        out.closeArchiveEntry();
    }
}
