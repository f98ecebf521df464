package org.odonata.api.kern;

import java.util.List;

/**
 * A snapshot of one LWKT thread, as {@code kern:ps} shows it.
 *
 * @param tid     thread id
 * @param pid     process id, 0 for kernel threads
 * @param name    thread name
 * @param cpu     owning CPU ({@code td_gd})
 * @param state   what it is doing
 * @param pri     LWKT priority ({@code td_pri}, TDPRI_*)
 * @param upri    user-scheduler priority hint ({@code td_upri})
 * @param tokens  tokens it holds (or will reacquire), by name
 * @param wmesg   what it sleeps on, or empty
 */
public record ThreadInfo(long tid, int pid, String name, int cpu, ThreadState state, int pri, int upri,
        List<String> tokens, String wmesg) {

    public ThreadInfo {
        tokens = List.copyOf(tokens);
    }
}
