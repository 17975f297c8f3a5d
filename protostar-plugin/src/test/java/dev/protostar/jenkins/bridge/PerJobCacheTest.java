package dev.protostar.jenkins.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The job page's live colors are computed once per new build or new badge, not on every action lookup. */
class PerJobCacheTest {
    private final PerJobCache<Object, Integer> cache = new PerJobCache<>();
    private final AtomicInteger computed = new AtomicInteger();
    private final Object job = new Object();

    private int get(int lastBuild) {
        return cache.get(job, lastBuild, computed::incrementAndGet);
    }

    @Test
    void computedOncePerLastBuild() {
        assertEquals(1, get(7));
        assertEquals(1, get(7));
        assertEquals(1, get(7));
        assertEquals(2, get(8), "a new build");
        assertEquals(2, get(8));
    }

    @Test
    void aNewBadgeOnTheSameBuildIsSeen() {
        assertEquals(1, get(7));
        cache.changed(job);
        assertEquals(2, get(7));
        assertEquals(2, get(7));
    }

    @Test
    void jobsAreApart() {
        assertEquals(1, get(7));
        assertEquals(2, cache.get(new Object(), 7, computed::incrementAndGet));
        assertEquals(1, get(7));
    }
}
