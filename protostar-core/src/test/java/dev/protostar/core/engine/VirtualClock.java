package dev.protostar.core.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Time that passes only when the engine waits, and then at once: a gate, a settle window or a drain costs no real time. */
final class VirtualClock implements Clock {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        now.addAndGet(Math.max(0, nanos));
    }
}
