package dev.protostar.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.protostar.core.api.DeployResult;
import dev.protostar.core.api.Outcome;
import dev.protostar.core.api.Phase;
import dev.protostar.core.api.StatusReport;
import dev.protostar.core.engine.fake.Behaviour;
import dev.protostar.core.engine.fake.World;
import dev.protostar.core.spec.Color;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a process that outlives its commands, a command that succeeded answers before its record is written and its lock
 * released; the next command of the app waits for them, and a process that dies first leaves the change to the next
 * command, as one killed right after its verify does.
 */
class WriteBehindTest {
    @TempDir
    Path tmp;
    Stage stage;
    World world;

    @BeforeEach
    void greenServesWithBlueWarm() throws Exception {
        stage = Stage.oneHost(tmp);
        world = stage.world().image("shop:v1", Behaviour.HEALTHY).image("shop:v2", Behaviour.HEALTHY);
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v1").outcome());
        assertEquals(Outcome.SUCCEEDED, stage.deploy("shop:v2").outcome());
        WriteBehind.turnOn();
    }

    @AfterEach
    void off() {
        WriteBehind.await(Stage.APP);
        WriteBehind.turnOff();
    }

    private static boolean behind() {
        return Thread.currentThread().getName().equals("protostar-write-behind");
    }

    @Test
    void aSwitchAnswersBeforeItsRecordIsWritten() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        AtomicBoolean recordAfterAnswer = new AtomicBoolean();
        int records = world.history().size();
        world.at("history.appending", () -> {
            if (behind()) {
                try {
                    recordAfterAnswer.set(answered.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        DeployResult r = stage.switchTo("previous");
        answered.countDown();

        assertEquals(Outcome.SUCCEEDED, r.outcome(), r.error());
        assertFalse(r.phases().containsKey(Phase.RECORD.word()), "nothing of the record's time is in the answer: " + r.phases());
        WriteBehind.await(Stage.APP);
        assertTrue(recordAfterAnswer.get(), "the record was written after the answer, on a thread of its own");
        assertEquals(records + 1, world.history().size());
        assertEquals(r.phases(), world.history().get(records).phases(), "the record has the phases of the answer");
        assertFalse(world.intentLeft(), "cleared in the record's copy");
        assertFalse(world.locked());
    }

    @Test
    void theNextCommandOfTheAppReadsWhatTheLastOneWrote() {
        world.at("lock.releasing", () -> {
            if (behind()) {
                pause(1000); // a busy engine
            }
        });

        DeployResult first = stage.switchTo("previous");
        StatusReport status = stage.status();
        DeployResult second = stage.switchTo("previous");

        assertEquals(Outcome.SUCCEEDED, first.outcome(), first.error());
        assertTrue(status.lockedBy() == null, "the lock was released before status read it: " + status.lockedBy());
        assertEquals(Outcome.SUCCEEDED, second.outcome(), second.error() + "\n" + stage.warnings());
        WriteBehind.await(Stage.APP);
        assertEquals(Color.GREEN, world.serving(Stage.APP).orElseThrow().color());
        assertEquals(4, world.history().size(), world.history().toString());
        assertFalse(world.locked());
    }

    @Test
    void aProcessThatDiesBeforeItsRecordLeavesTheSwitchForTheNextCommandToVerifyAndRecord() {
        world.crashAt("history.appending");

        DeployResult answered = stage.switchTo("previous");
        WriteBehind.await(Stage.APP);

        assertEquals(Outcome.SUCCEEDED, answered.outcome(), answered.error());
        assertFalse(stage.last.runner.alive());
        assertTrue(world.locked(), "the dead process's lock is left");
        assertFalse(world.intentLeft(), "a switch writes no intent: its lock names it to whoever takes it over");
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());

        WriteBehind.turnOff();
        DeployResult next = stage.switchTo("blue");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("took over the deploy lock"), stage.warnings());
        assertTrue(stage.warnings().contains("passes verify now, so it is recorded as done"), stage.warnings());
        assertTrue(world.history().stream().anyMatch(h -> h.error() != null && h.error().startsWith("finished by")), world.history().toString());
        assertFalse(world.intentLeft());
        assertFalse(world.locked());
    }

    @Test
    void aRecordThatCannotBeWrittenAfterTheAnswerLeavesTheIntentForTheNextCommandAndReleasesTheLock() {
        world.at("history.appending", () -> {
            if (behind()) {
                throw new IllegalStateException("the engine's disk is full");
            }
        });

        DeployResult answered = stage.switchTo("previous");
        WriteBehind.await(Stage.APP);

        assertEquals(Outcome.SUCCEEDED, answered.outcome(), answered.error());
        assertFalse(world.locked(), "released all the same");
        assertTrue(world.intentLeft(), "the intent stays: nothing recorded the switch");
        assertEquals(Color.BLUE, world.serving(Stage.APP).orElseThrow().color());

        WriteBehind.turnOff();
        DeployResult next = stage.switchTo("blue");

        assertEquals(Outcome.SUCCEEDED, next.outcome(), next.error());
        assertTrue(stage.warnings().contains("passes verify now, so it is recorded as done"), stage.warnings());
        assertFalse(world.intentLeft());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
