package org.odonata.hw.x86.disk;

import java.util.Arrays;

/**
 * When each request to one device completes. Requests are dispatched in arrival order (FIFO) to the
 * channel that frees first; each then spends its access time on that channel and its transfer time on the
 * device's single data path. Because dispatch is FIFO and service times are known at dispatch, completion
 * times are computed when a request arrives; no explicit queue is needed.
 * <p>
 * Simplification: the data path also serves transfers in arrival order, even when a later request
 * finishes its access first.
 */
final class DeviceQueue {

    private final ServiceModel model;
    private final long[] channelFree;
    private long pathFree;
    private long busyUntil;
    private long busyNanos;

    DeviceQueue(ServiceModel model) {
        this.model = model;
        this.channelFree = new long[model.channels()];
    }

    /** Queues a request arriving at {@code arrival}; returns its completion time. */
    long submit(long arrival, ServiceModel.Op op, long offset, long length) {
        int channel = earliestChannel();
        long start = Math.max(arrival, channelFree[channel]);
        ServiceModel.Service service = model.service(op, offset, length, start);
        long done = Math.max(start + service.accessNanos(), pathFree) + service.transferNanos();
        pathFree = done;
        channelFree[channel] = done;
        account(start, done);
        return done;
    }

    /** Queues a flush: it waits for every earlier request and holds the whole device while it runs. */
    long flush(long arrival, long dirtyBytes) {
        long start = Math.max(arrival, pathFree);
        for (long free : channelFree) {
            start = Math.max(start, free);
        }
        long done = start + model.flushNanos(dirtyBytes);
        Arrays.fill(channelFree, done);
        pathFree = done;
        account(start, done);
        return done;
    }

    /** Virtual time during which at least one request was in service (iostat's %util numerator). */
    long busyNanos() {
        return busyNanos;
    }

    private int earliestChannel() {
        int best = 0;
        for (int i = 1; i < channelFree.length; i++) {
            if (channelFree[i] < channelFree[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Adds the part of {@code [start, done)} not already counted; starts never decrease under FIFO. */
    private void account(long start, long done) {
        if (done > busyUntil) {
            busyNanos += done - Math.max(start, busyUntil);
            busyUntil = done;
        }
    }
}
