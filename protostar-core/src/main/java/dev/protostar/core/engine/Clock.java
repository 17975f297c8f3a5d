package dev.protostar.core.engine;

/**
 * How time passes for the engine's waits (the health gate, the switch's settle window, verify's patience, the
 * drain): the system's, or a test's that never really sleeps. Phase timings are always real.
 */
interface Clock {
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    long nanoTime();

    void sleep(long nanos) throws InterruptedException;
}
