package dev.exposure.connector.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of a measured section, two ways: the sum of the heap pools' peak usage since
 * {@link #start()} (includes garbage not yet collected, so it follows the heap size the GC chose
 * more than the live data), and the largest heap occupancy right after a collection (the live set
 * plus what survived, which is what grows if something holds data).
 */
final class HeapWatch {
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private long baselineUsed;

    /** Forces a GC, resets the pool peaks and starts listening to GC notifications. */
    HeapWatch start() {
        System.gc();
        System.gc();
        baselineUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        maxAfterGc.set(baselineUsed);
        NotificationListener listener = (n, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                used += u.getUsed();
            }
            // non-heap pools (metaspace, code cache) are in the map too; subtract them
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.NON_HEAP) {
                    MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (u != null) {
                        used -= u.getUsed();
                    }
                }
            }
            collections.incrementAndGet();
            maxAfterGc.accumulateAndGet(used, Math::max);
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        return this;
    }

    /** @return heap used after the forced GC at start, bytes */
    long baselineUsed() {
        return baselineUsed;
    }

    /** @return sum of the heap pools' peak usage since start, bytes */
    long poolPeakSum() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** @return the largest heap occupancy right after a collection since start, bytes */
    long maxAfterGc() {
        return maxAfterGc.get();
    }

    /** @return collections seen since start */
    long collections() {
        return collections.get();
    }

    /** Stops listening. */
    void stop() {
        unsubscribe.forEach(Runnable::run);
    }

    /** @return the max heap ({@code -Xmx}) in MB */
    static long maxHeapMb() {
        return Runtime.getRuntime().maxMemory() / 1_048_576;
    }

    static String mb(long bytes) {
        return String.format("%.1f", bytes / 1_048_576.0);
    }
}
