package dev.protostar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.docker.Docker;
import dev.protostar.core.engine.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on one app in one process (the resident engine, a Jenkins agent): each starts from the state files the one
 * before it left (its intent written beside the gate, its record and the intent's clear), with no copy out of the
 * engine, and what they leave is what a process of its own reads.
 */
class KeptStateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aRollbackAfterADeployInTheSameProcessCopiesNothingOutOfTheEngine() throws Exception {
        try (Fixture f = new Fixture(tmp.resolve("a"), null); Docker docker = Docker.connect(Fixture.DOCKER)) {
            assertEquals(Outcome.SUCCEEDED, f.deploy("v1").outcome());
            assertEquals(Outcome.SUCCEEDED, f.deploy("v2").outcome());
            for (String expected : List.of("200 v1 blue", "200 v2 green")) {
                long before = engineNow(docker);
                DeployResult back = f.switchTo("previous");
                assertEquals(Outcome.SUCCEEDED, back.outcome(), back.error());
                assertEquals(expected, f.answer());
                assertEquals(List.of(), copiesOut(docker, "protostar-state-" + f.app, before, engineNow(docker)),
                        "the previous command's state, as it left it");
            }
            assertEquals("switch", Engine.history(f.spec.toString(), 1).get(0).action(), "its record was written");
        }
    }

    private static long engineNow(Docker docker) {
        Instant t = OffsetDateTime.parse(docker.client().infoCmd().exec().getSystemTime()).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String stamp(long nanos) {
        return nanos / 1_000_000_000L + "." + String.format("%09d", nanos % 1_000_000_000L);
    }

    /** Copies out of the state container (GET archive) between the two times, as the engine's events name them. */
    private static List<String> copiesOut(Docker docker, String container, long since, long until) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultCallback.Adapter<Event> cb = docker.client().eventsCmd().withSince(stamp(since)).withUntil(stamp(until))
                .withContainerFilter(container).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        if ("archive-path".equals(e.getAction()) && container.equals(e.getActor().getAttributes().get("name"))) {
                            synchronized (out) {
                                out.add(e.getAction() + " at " + e.getTimeNano());
                            }
                        }
                    }
                })) {
            assertTrue(cb.awaitCompletion(30, TimeUnit.SECONDS));
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }
}
