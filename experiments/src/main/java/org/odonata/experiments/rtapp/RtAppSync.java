package org.odonata.experiments.rtapp;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.odonata.api.kern.Syscalls;

/**
 * rt-app's shared resources for one started file: mutexes (FIFO hand-off), condition variables (wait,
 * signal, broadcast, sync; and suspend/resume, which rt-app builds on a condition of that name) and
 * barriers. Their state is plain Java shared by the simulated threads, as pthread objects in shared memory
 * are; blocking and waking go through each thread's {@link WakeChannel}, i.e. through the kernel. A machine
 * runs on one host thread, so a check and the enqueue that follows it are atomic, as a futex word's are.
 */
final class RtAppSync {

    private final Map<String, Mutex> mutexes = new HashMap<>();
    private final Map<String, ArrayDeque<WakeChannel>> conditions = new HashMap<>();
    private final Map<String, Barrier> barriers = new HashMap<>();

    /** A barrier releases when {@code parties} threads have arrived. */
    void declareBarrier(String name, int parties) {
        barriers.put(name, new Barrier(parties));
    }

    void lock(Syscalls sys, String name, WakeChannel self) {
        Mutex m = mutexes.computeIfAbsent(name, n -> new Mutex());
        if (!m.held) {
            m.held = true;
            return;
        }
        m.waiters.add(self);
        self.await(sys);
    }

    void unlock(Syscalls sys, String name) {
        Mutex m = mutexes.get(name);
        if (m == null || !m.held) {
            throw new IllegalStateException("unlock of mutex '" + name + "', which is not locked");
        }
        WakeChannel next = m.waiters.poll();
        if (next == null) {
            m.held = false;
        } else {
            next.wake(sys);
        }
    }

    /** pthread_cond_wait: releases the mutex, waits for a signal, reacquires the mutex. */
    void await(Syscalls sys, String condition, String mutex, WakeChannel self) {
        conditions.computeIfAbsent(condition, c -> new ArrayDeque<>()).add(self);
        if (mutex != null) {
            unlock(sys, mutex);
        }
        self.await(sys);
        if (mutex != null) {
            lock(sys, mutex, self);
        }
    }

    /** Wakes the longest waiter, if any; a signal nobody waits for is lost, as with pthreads. */
    void signal(Syscalls sys, String condition) {
        ArrayDeque<WakeChannel> q = conditions.get(condition);
        WakeChannel w = q == null ? null : q.poll();
        if (w != null) {
            w.wake(sys);
        }
    }

    void broadcast(Syscalls sys, String condition) {
        ArrayDeque<WakeChannel> q = conditions.get(condition);
        while (q != null && !q.isEmpty()) {
            q.poll().wake(sys);
        }
    }

    void arrive(Syscalls sys, String barrier, WakeChannel self) {
        Barrier b = barriers.get(barrier);
        if (b.waiting.size() + 1 >= b.parties) {
            while (!b.waiting.isEmpty()) {
                b.waiting.poll().wake(sys);
            }
            return;
        }
        b.waiting.add(self);
        self.await(sys);
    }

    private static final class Mutex {
        private boolean held;
        private final ArrayDeque<WakeChannel> waiters = new ArrayDeque<>();
    }

    private static final class Barrier {
        private final int parties;
        private final ArrayDeque<WakeChannel> waiting = new ArrayDeque<>();

        Barrier(int parties) {
            this.parties = parties;
        }
    }
}
