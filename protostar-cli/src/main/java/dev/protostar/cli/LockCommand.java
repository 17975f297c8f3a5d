package dev.protostar.cli;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.api.Wording;
import dev.protostar.core.engine.Engine;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lock", description = "Show or release the app's deploy lock, which lives with the Docker engine.",
        subcommands = {LockCommand.Status.class, LockCommand.Release.class})
final class LockCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(System.out);
    }

    /** One engine's lock in --json: {@code holder} is null when nobody holds it. */
    record HostLock(String host, boolean locked, LockHolder holder) {}

    /** One engine's lock after a release in --json: {@code released} is null when nobody held it. */
    /** @param refused the holder of a lock that was not released because it names another owner than {@code --holder} */
    record HostRelease(String host, LockHolder released, LockHolder refused, String by) {}

    @Command(name = "status", description = "Who holds the deploy lock, since when, and until when its lease runs.")
    static final class Status implements Callable<Integer> {
        @Mixin
        SpecOption spec;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            Map<String, Optional<LockHolder>> locks = Engine.lockStatus(new VerifyRequest(spec.path(), List.of()));
            boolean held = locks.values().stream().anyMatch(Optional::isPresent);
            PrintStream out = output.words(!held);
            locks.forEach((host, holder) -> out.println(prefix(locks, host)
                    + holder.map(h -> "locked by " + h.describe()).orElse("not locked")));
            List<HostLock> json = locks.entrySet().stream()
                    .map(e -> new HostLock(e.getKey(), e.getValue().isPresent(), e.getValue().orElse(null))).toList();
            return output.json(json, held ? ExitCode.FAILED_SAFELY : ExitCode.OK);
        }
    }

    @Command(name = "release", description = "Remove the deploy lock whoever holds it, or with --holder only while it names "
            + "that owner. Only for a deploy you know is dead: a live deploy notices and stops before its switch, but whatever "
            + "it already started stays.")
    static final class Release implements Callable<Integer> {
        @Mixin
        SpecOption spec;

        @Mixin
        Output output;

        @Option(names = "--holder", paramLabel = "<owner>", description = "Release only a lock that names this owner (as the "
                + "refused deploy showed it); a lock taken over meanwhile stays.")
        String holder;

        @Override
        public Integer call() {
            Map<String, LockRelease> released = Engine.releaseLock(new VerifyRequest(spec.path(), List.of()), holder);
            String by = Owner.current(null);
            PrintStream out = output.words(true);
            released.forEach((host, r) -> out.println(prefix(released, host) + (r.released()
                    ? Wording.lockReleased(r.holder().describe(), by)
                    : r.refused() ? Wording.lockHeldByAnother(r.holder().describe(), holder)
                    : Wording.lockNotHeld())));
            List<HostRelease> json = released.entrySet().stream()
                    .map(e -> new HostRelease(e.getKey(), e.getValue().released() ? e.getValue().holder() : null,
                            e.getValue().refused() ? e.getValue().holder() : null, by)).toList();
            boolean refused = released.values().stream().anyMatch(LockRelease::refused);
            return output.json(json, refused ? ExitCode.FAILED_SAFELY : ExitCode.OK);
        }
    }

    private static String prefix(Map<String, ?> perHost, String host) {
        return perHost.size() > 1 ? host + ": " : "";
    }
}
