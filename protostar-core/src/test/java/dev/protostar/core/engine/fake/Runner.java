package dev.protostar.core.engine.fake;

/** One protostar process. Once killed, everything it tries on the fake world is refused: a dead process does nothing. */
public final class Runner {
    private volatile boolean dead;

    void kill() {
        dead = true;
    }

    public boolean alive() {
        return !dead;
    }

    void check() {
        if (dead) {
            throw new Killed("(already dead)");
        }
    }
}
