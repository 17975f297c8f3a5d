package dev.protostar.cli;

import dev.protostar.core.api.LockHolder;
import dev.protostar.core.api.VerifyRequest;
import dev.protostar.core.engine.Engine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Command(name = "release", description = "Remove the deploy lock whoever holds it. Only for a deploy you know is dead: "
            + "a live deploy notices and stops before its switch, but whatever it already started stays.")
    static final class Release implements Callable<Integer> {
        @Mixin
        SpecOption spec;

        @Override
        public Integer call() {
            Map<String, Optional<LockHolder>> released = Engine.releaseLock(new VerifyRequest(spec.file, List.of()));
            released.forEach((host, holder) -> System.out.println(prefix(released, host)
                    + holder.map(h -> "released the lock held by " + h.describe() + ", by " + Owner.current(null))
                            .orElse("was not locked")));
            return 0;
        }
    }

    private static String prefix(Map<String, ?> perHost, String host) {
        return perHost.size() > 1 ? host + ": " : "";
    }
}
