package dev.protostar.cli.resident;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Where the resident engine of one user and one build of protostar listens: {@code $XDG_RUNTIME_DIR/protostar}, else
 * {@code <tmp>/protostar-<user>}, a directory only its owner may enter; the socket is named after the jar (its real
 * path, size and time), so a rebuilt or upgraded protostar gets an engine of its own and the old one idles out.
 *
 * @param dir the directory
 * @param build the jar's name for the socket
 */
record Residence(Path dir, String build) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** This user's residence for the jar this class came from; empty where there is none to be had safely. */
    static Optional<Residence> here(Map<String, String> env) {
        Optional<Path> jar = jar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && runtime.startsWith("/") && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "protostar")
                : Path.of("/tmp", "protostar-" + System.getProperty("user.name", "?")); // not java.io.tmpdir: bin/protostar-front looks here
        try {
            return ownedDir(dir) ? Optional.of(new Residence(dir, build(jar.get()))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path socket() {
        return dir.resolve("engine-" + build + ".sock");
    }

    Path log() {
        return dir.resolve("engine-" + build + ".log");
    }

    static Path lockOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /** The jar this class was loaded from; empty when run from classes (tests start their engine themselves). */
    static Optional<Path> jar() {
        try {
            Path p = Path.of(Residence.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar's name for the socket: its real path and its time in whole seconds, and its size. bin/protostar-front names
     * it the same way, with what perl-base has: a CRC, its stat's seconds (FrontScriptTest holds the two together).
     */
    static String build(Path jar) throws IOException {
        // a CRC, not a digest: a front must not spend its few milliseconds setting up the JDK's security providers
        CRC32 crc = new CRC32();
        Path real = jar.toRealPath();
        crc.update((real + "\n" + Files.getLastModifiedTime(real).to(TimeUnit.SECONDS)).getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue()) + "-" + Long.toHexString(Files.size(real));
    }

    /**
     * Makes {@code dir} if missing, for its owner only; true when it is a directory (not a link) of this user's that
     * nobody else may enter, else the socket there could be someone else's.
     */
    static boolean ownedDir(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another front made it
            }
        }
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory() && a.permissions().equals(OWNER_ONLY) && a.owner().equals(me());
    }

    /** This process's user, by uid (Linux's /proc/self is owned by it); a user without a name still compares. */
    static UserPrincipal me() throws IOException {
        return Files.getOwner(Path.of("/proc/self"));
    }

    /** Whether the process at the other end of {@code ch} runs as this user (the kernel's word: SO_PEERCRED). */
    static boolean ours(SocketChannel ch) {
        try {
            return ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(me());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
