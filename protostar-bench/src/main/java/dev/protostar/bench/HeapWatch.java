package dev.protostar.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap the engine's JVM ever occupied: heap use peaks just before a collection, so it is
 * the largest "used before GC" over all collections (summed over the heap pools at that moment),
 * or what is used now if that is more. Summing each pool's own peak would add peaks of different moments.
 */
final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools;

    private HeapWatch() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    }

    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    w.sawBeforeGc(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getMemoryUsageBeforeGc());
                }
            }, null, null);
        }
        return w;
    }

    private void sawBeforeGc(Map<String, MemoryUsage> before) {
        long used = before.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        peak.accumulateAndGet(used, Math::max);
    }

    /** "peakUsed liveAfterFullGc maxHeap gcMillis gcCount", in bytes and milliseconds. */
    String report() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(now, Math::max);
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long peakBeforeFullGc = peak.get();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return peakBeforeFullGc + " " + live + " " + Runtime.getRuntime().maxMemory() + " " + gcMillis + " " + gcCount;
    }
}
