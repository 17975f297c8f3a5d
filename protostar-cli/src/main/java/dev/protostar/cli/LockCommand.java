package dev.protostar.cli;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.LockRelease;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
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
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "status", description = "Who holds the deploy lock, since when, and until when its lease runs.")
    static final class Status implements Callable<Integer> {
        @Mixin
        SpecOption spec;

        @Override
        public Integer call() {
            Map<String, Optional<LockHolder>> locks = Engine.lockStatus(new VerifyRequest(spec.file, List.of()));
            locks.forEach((host, holder) -> System.out.println(prefix(locks, host)
                    + holder.map(h -> "locked by " + h.describe()).orElse("not locked")));
            return locks.values().stream().anyMatch(Optional::isPresent) ? 1 : 0;
        }
    }

    @Command(name = "release", description = "Remove the deploy lock whoever holds it, or with --holder only while it names "
            + "that owner. Only for a deploy you know is dead: a live deploy notices and stops before its switch, but whatever "
            + "it already started stays.")
    static final class Release implements Callable<Integer> {
        @Mixin
        SpecOption spec;

        @Option(names = "--holder", paramLabel = "<owner>", description = "Release only a lock that names this owner (as the "
                + "refused deploy showed it); a lock taken over meanwhile stays.")
        String holder;

        @Override
        public Integer call() {
            Map<String, LockRelease> released = Engine.releaseLock(new VerifyRequest(spec.file, List.of()), holder);
            released.forEach((host, r) -> System.out.println(prefix(released, host) + (r.released()
                    ? "released the lock held by " + r.holder().describe() + ", by " + Owner.current(null)
                    : r.refused() ? "not released: the lock is held by " + r.holder().describe() + ", not by " + holder
                    : "was not locked")));
            return released.values().stream().anyMatch(LockRelease::refused) ? 1 : 0;
        }
    }

    private static String prefix(Map<String, ?> perHost, String host) {
        return perHost.size() > 1 ? host + ": " : "";
    }
}
