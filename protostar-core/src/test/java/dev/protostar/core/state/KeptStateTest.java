package dev.protostar.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.protostar.core.docker.Archive;
import dev.protostar.core.docker.Docker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real Docker engine: a command starts from the state files the previous command of this process left, with
 * no copy out of the engine, unless the engine's events show that somebody else touched them. Each test that expects a
 * copy has the other party change the files, so a command that trusted what was kept would read the old intent.
 */
class KeptStateTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final Docker docker = Docker.connect("unix:///var/run/docker.sock");
    private final String app = "keptstate-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String stateContainer = StateVolume.PREFIX + app;

    @AfterEach
    void cleanUp() {
        KeptState.drop(docker, app);
        History.erase(docker, app);
        docker.close();
    }

    /** One command of this process: takes the lock, reads under it, writes {@code intent} unless null, keeps, releases. */
    private Optional<String> command(String intent) {
        try (EngineLock lock = EngineLock.acquire(docker, app, "test", LEASE)) {
            Journal journal = new AppState(docker, app).journal();
            journal.heldUnder(lock.mark());
            Optional<String> found = journal.read();
            if (intent != null) {
                journal.write(intent);
            }
            journal.keepForNext();
            return found;
        }
    }

    /** What the next command reads, and how many copies out of the state container that read made. */
    private record Read(Optional<String> intent, long copies) {}

    private Read nextCommandReads() {
        try (EngineLock lock = EngineLock.acquire(docker, app, "test", LEASE)) {
            Journal journal = new AppState(docker, app).journal();
            journal.heldUnder(lock.mark());
            Optional<String> found = journal.read();
            long copies = events(lock.mark().createdNanos()).stream()
                    .filter(e -> "archive-path".equals(e.getAction()) && stateContainer.equals(e.getActor().getAttributes().get("name")))
                    .count();
            return new Read(found, copies);
        }
    }

    /** Another process's command: its own lock, no kept files. */
    private void anotherProcessWrites(String intent) {
        try (EngineLock lock = EngineLock.acquire(docker, app, "other", LEASE)) {
            new AppState(docker, app).journal().write(intent);
        }
    }

    private List<Event> events(long sinceNanos) {
        List<Event> out = new ArrayList<>();
        Instant now = java.time.OffsetDateTime.parse(docker.client().infoCmd().exec().getSystemTime()).toInstant(); // the engine's clock
        try (ResultCallback.Adapter<Event> cb = docker.client().eventsCmd()
                .withSince(KeptState.stamp(sinceNanos)).withUntil(KeptState.stamp(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .withContainerFilter(stateContainer)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        synchronized (out) {
                            out.add(e);
                        }
                    }
                })) {
            assertTrue(cb.awaitCompletion(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    @Test
    void theNextCommandStartsFromWhatThisOneLeftWithoutACopy() {
        command("{\"id\":\"first\"}"); // creates the state container: its first read copies
        command("{\"id\":\"second\"}");
        Read next = nextCommandReads();
        assertEquals(Optional.of("{\"id\":\"second\"}"), next.intent());
        assertEquals(0, next.copies(), "served from what the previous command left");
    }

    @Test
    void anotherProcessesWriteIsReadFromTheEngine() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        anotherProcessWrites("{\"id\":\"other\"}");
        Read next = nextCommandReads();
        assertEquals(Optional.of("{\"id\":\"other\"}"), next.intent());
        assertEquals(1, next.copies());
    }

    /**
     * A holder that lost its lock while paused, then copied, and died mid-copy: no lock of its own shows, part of the copy
     * landed, and the engine logged no write for it. The volume's mount for it shows.
     */
    @Test
    void aCopyCutShortIsReadFromTheEngine() throws Exception {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("journal/intent", "{\"id\":\"cut\"}".getBytes(StandardCharsets.UTF_8));
        files.put("history/padding", new byte[10_000]);
        byte[] whole = Archive.tar(files, 0600);
        int second = indexOf(whole, "history/padding".getBytes(StandardCharsets.US_ASCII)); // its header starts with its name
        byte[] cut = Arrays.copyOf(whole, second + 512 + 100); // the first file whole, the second's header and part of its data
        assertThrows(RuntimeException.class, () -> docker.client().copyArchiveToContainerCmd(stateContainer)
                .withRemotePath(StateVolume.MOUNT).withTarInputStream(new ByteArrayInputStream(cut)).exec());
        Read next = nextCommandReads();
        assertEquals(Optional.of("{\"id\":\"cut\"}"), next.intent(), "the part that landed");
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not in the archive");
    }

    /** A command that lost its lock (paused past its lease) and writes after all: no lock of its own shows, its write does. */
    @Test
    void aWriteWithoutTheLockIsReadFromTheEngine() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        new AppState(docker, app).journal().write("{\"id\":\"late\"}");
        assertEquals(Optional.of("{\"id\":\"late\"}"), nextCommandReads().intent());
    }

    /** The engine keeps its last 256 events: once the previous lock's are gone, nothing can be told, so it copies. */
    @Test
    void aLogThatNoLongerReachesBackIsNotTrusted() {
        command("{\"id\":\"first\"}");
        command(null); // it only read: no write of its own to count
        anotherProcessWrites("{\"id\":\"other\"}");
        String busy = "keptstate-busy-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String id = docker.client().createContainerCmd(EngineLock.IMAGE + ":" + EngineLock.TAG).withName(busy).withCmd("/lease").exec().getId();
        try {
            for (int i = 0; i < 140; i++) { // two rename events each: 280 events, more than the engine keeps
                docker.client().renameContainerCmd(id).withName(busy + "-x").exec();
                docker.client().renameContainerCmd(id).withName(busy).exec();
            }
        } finally {
            docker.client().removeContainerCmd(id).withForce(true).exec();
        }
        Read next = nextCommandReads();
        assertEquals(Optional.of("{\"id\":\"other\"}"), next.intent());
        assertEquals(1, next.copies());
    }

    /** The app's state removed (its container and its volume) between two commands: the next one finds none. */
    @Test
    void aRemovedStateContainerIsReadFromTheEngine() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        History.erase(docker, app);
        assertEquals(Optional.empty(), nextCommandReads().intent());
    }

    /** A process serving many apps keeps at most 32 MiB, dropping the apps used longest ago first, and no app over 4 MiB. */
    @Test
    void whatIsKeptIsBounded() {
        long[] before = KeptState.held();
        List<String> apps = new ArrayList<>();
        byte[] mib = new byte[1 << 20];
        try {
            for (int i = 0; i < 12; i++) {
                apps.add(app + "-bound-" + i);
                KeptState.keep(docker, apps.get(i), new LockMark("l", "id" + i, 1), 0, true, Map.of("a", mib, "b", mib, "c", mib));
            }
            long[] after = KeptState.held();
            assertTrue(after[1] <= 32L << 20, "bytes in all: " + after[1]);
            assertTrue(after[0] - before[0] >= 9 && after[0] - before[0] <= 10, "apps: " + (after[0] - before[0]));
            KeptState.keep(docker, app + "-big", new LockMark("l", "big", 1), 0, true, Map.of("a", mib, "b", mib, "c", mib, "d", mib, "e", mib));
            assertEquals(after[0], KeptState.held()[0], "an app over 4 MiB is not kept");
        } finally {
            apps.forEach(a -> KeptState.drop(docker, a));
        }
        assertEquals(before[1], KeptState.held()[1], "dropped, every byte");
    }

    /** Another holder of the lock in between, even one that wrote nothing: what it did is not known, so it copies. */
    /** Pruned: the state container removed, its volume kept. The next command's write creates the container again. */
    @Test
    void aPrunedStateContainerIsCreatedAgainByTheNextWrite() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        docker.client().removeContainerCmd(stateContainer).withForce(true).exec();
        assertEquals(Optional.of("{\"id\":\"mine\"}"), command("{\"id\":\"after\"}"), "the volume kept it");
        assertEquals(Optional.of("{\"id\":\"after\"}"), nextCommandReads().intent());
    }

    @Test
    void anotherHolderInBetweenMeansACopy() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        try (EngineLock other = EngineLock.acquire(docker, app, "other", LEASE)) {
            assertTrue(other.stillHeld());
        }
        Read next = nextCommandReads();
        assertEquals(Optional.of("{\"id\":\"mine\"}"), next.intent());
        assertEquals(1, next.copies());
    }

    /** Another container that mounts the state volume and is copied into: its copy is its own, the volume's mount shows. */
    @Test
    void aWriteThroughAnotherContainerOnTheVolumeIsReadFromTheEngine() {
        command("{\"id\":\"first\"}");
        command("{\"id\":\"mine\"}");
        String id = docker.client().createContainerCmd(EngineLock.IMAGE + ":" + EngineLock.TAG).withName(app + "-by-hand").withCmd("/lease")
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(stateContainer, new Volume("/restored")))).exec().getId();
        try {
            docker.client().copyArchiveToContainerCmd(id).withRemotePath("/restored")
                    .withTarInputStream(new ByteArrayInputStream(Archive.tar(Map.of("journal/intent", "{\"id\":\"restored\"}".getBytes(StandardCharsets.UTF_8)), 0600)))
                    .exec();
        } finally {
            docker.client().removeContainerCmd(id).withForce(true).exec();
        }
        assertEquals(Optional.of("{\"id\":\"restored\"}"), nextCommandReads().intent());
    }
}
