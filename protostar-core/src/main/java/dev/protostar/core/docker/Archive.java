package dev.protostar.core.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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

    /**
     * Writes several files under {@code dir} in one copy, each with {@code mode}; a name may hold
     * directories ({@code history/001.json}), which get the same mode plus search permission.
     */
    public static void putAll(Docker docker, String container, String dir, Map<String, byte[]> files, int mode) {
        byte[] tar = tar(files, mode);
        docker.callThrough("copy " + files.size() + " file(s) into container " + container, QUICK, () -> {
            docker.client().copyArchiveToContainerCmd(container)
                    .withTarInputStream(new ByteArrayInputStream(tar))
                    .withRemotePath(dir)
                    .exec();
            return null;
        });
    }

    /**
     * The regular files under the directory {@code path}, by their names in the archive (which start
     * with the directory's own name), in archive order; empty when there is no such directory. Each
     * is cut after {@code maxFile} + 1 bytes, so a caller can tell an oversized file; at most
     * {@code maxFiles} are read.
     */
    public static Map<String, byte[]> getAll(Docker docker, String container, String path, int maxFile, int maxFiles) {
        return docker.callThrough("read " + path + " from container " + container, QUICK, () -> {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (InputStream in = docker.client().copyArchiveFromContainerCmd(container, path).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null && files.size() < maxFiles; e = tar.getNextEntry()) {
                    if (e.isFile()) {
                        files.put(e.getName(), tar.readNBytes(maxFile + 1));
                    }
                }
            } catch (NotFoundException e) {
                return Map.of();
            }
            return files;
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

    /** The regular files directly in {@code dir} whose names {@code wanted} accepts, read in one call; empty when there is no such directory. */
    public static Map<String, byte[]> files(Docker docker, String container, String dir, java.util.function.Predicate<String> wanted) {
        return docker.callThrough("read " + dir + " from container " + container, QUICK, () -> {
            Map<String, byte[]> out = new java.util.TreeMap<>();
            try (InputStream in = docker.client().copyArchiveFromContainerCmd(container, dir + "/.").exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    String path = e.getName();
                    String name = path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
                    // Only files right in dir: "./name" or "name", never one in a subdirectory.
                    String inDir = path.startsWith("./") ? path.substring(2) : path;
                    if (e.isFile() && !inDir.contains("/") && wanted.test(name) && e.getSize() <= MAX_FILE) {
                        out.put(name, tar.readNBytes((int) e.getSize()));
                    }
                }
            } catch (NotFoundException e) {
                return out;
            }
            return out;
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

    /** A tar holding these files, each with {@code mode}. */
    public static byte[] tar(Map<String, byte[]> files, int mode) {
        return tar(files, name -> mode);
    }

    /** Writes several files under {@code dir} in one copy, each with its own mode, in the map's order. */
    public static void putEach(Docker docker, String container, String dir, Map<String, byte[]> files,
                               java.util.function.ToIntFunction<String> modeOf) {
        byte[] tar = tar(files, modeOf);
        docker.callThrough("copy " + String.join(", ", files.keySet()) + " into container " + container, QUICK, () -> {
            docker.client().copyArchiveToContainerCmd(container)
                    .withTarInputStream(new ByteArrayInputStream(tar))
                    .withRemotePath(dir)
                    .exec();
            return null;
        });
    }

    /** A tar holding these files in the map's order, each with its own mode (a directory on the way: the first file's, searchable). */
    public static byte[] tar(Map<String, byte[]> files, java.util.function.ToIntFunction<String> modeOf) {
        int mode = files.isEmpty() ? 0644 : modeOf.applyAsInt(files.keySet().iterator().next());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            Set<String> dirs = new LinkedHashSet<>();
            for (String name : files.keySet()) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    dirs.add(name.substring(0, slash + 1));
                }
            }
            for (String d : dirs) {
                TarArchiveEntry e = new TarArchiveEntry(d);
                e.setMode(mode | ((mode & 0444) >> 2));
                e.setModTime(System.currentTimeMillis());
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(modeOf.applyAsInt(f.getKey()));
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
