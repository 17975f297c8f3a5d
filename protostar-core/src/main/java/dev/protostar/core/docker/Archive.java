package dev.protostar.core.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Files into and out of a container through the Docker API's tar archives (works on stopped containers too). */
public final class Archive {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final int MAX_FILE = 1024 * 1024;

    private Archive() {}

    /** Writes {@code content} as {@code dir/name} with the given mode. */
    public static void put(Docker docker, String container, String dir, String name, byte[] content, int mode) {
        byte[] tar = tar(name, content, mode);
        // Not cut short by an interrupt: a router restoring the previous include must finish; the deadline holds.
        docker.callThrough("copy " + name + " into container " + container, QUICK, () -> {
            docker.client().copyArchiveToContainerCmd(container)
                    .withTarInputStream(new ByteArrayInputStream(tar))
                    .withRemotePath(dir)
                    .exec();
            return null;
        });
    }

    /** The file's content, or null when there is no such file. */
    public static byte[] get(Docker docker, String container, String path) {
        return docker.callThrough("read " + path + " from container " + container, QUICK, () -> {
            try (InputStream in = docker.client().copyArchiveFromContainerCmd(container, path).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e = tar.getNextEntry();
                if (e == null || !e.isFile()) {
                    return null;
                }
                if (e.getSize() > MAX_FILE) {
                    throw new DockerException(path + " in container " + container + " is larger than 1 MiB", null);
                }
                return tar.readNBytes((int) e.getSize());
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    /**
     * The files directly in {@code dir} whose names {@code wanted} accepts, name to content, read in one
     * call; empty when there is no such directory.
     */
    public static Map<String, byte[]> files(Docker docker, String container, String dir, Predicate<String> wanted) {
        return docker.callThrough("read " + dir + " from container " + container, QUICK, () -> {
            Map<String, byte[]> found = new TreeMap<>();
            try (InputStream in = docker.client().copyArchiveFromContainerCmd(container, dir).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    String[] parts = e.getName().replaceFirst("/$", "").split("/");
                    // entries are named <dir's last name>/<file>; deeper ones are in subdirectories
                    if (!e.isFile() || parts.length != 2 || !wanted.test(parts[1])) {
                        continue;
                    }
                    if (e.getSize() > MAX_FILE) {
                        throw new DockerException(dir + "/" + parts[1] + " in container " + container + " is larger than 1 MiB", null);
                    }
                    found.put(parts[1], tar.readNBytes((int) e.getSize()));
                }
            } catch (NotFoundException e) {
                return Map.of();
            }
            return found;
        });
    }

    /** A tar holding one file. */
    public static byte[] tar(String name, byte[] content, int mode) {
        return tar(Map.of(name, content), mode);
    }

    /** A tar holding these files. */
    public static byte[] tar(Map<String, byte[]> files) {
        return tar(files, 0644);
    }

    private static byte[] tar(Map<String, byte[]> files, int mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(mode);
                e.setModTime(System.currentTimeMillis());
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a tar in memory", e);
        }
        return bytes.toByteArray();
    }
}
