package org.odonata.experiments.rtapp;

/**
 * One rt-app event. Durations are in microseconds, as rt-app writes them; sizes in bytes.
 *
 * @param kind   what the event does
 * @param amount the duration or size, 0 when the kind takes none
 * @param ref    the resource name (timer, mutex, condition, barrier, task to fork), or null
 * @param mutex  the mutex a wait or sync releases while waiting, or null
 */
public record RtAppEvent(Kind kind, long amount, String ref, String mutex) {

    /** rt-app's event types, in the order their names are matched (longest prefix first). */
    public enum Kind {
        RUNTIME("runtime"), RUN("run"), SLEEP("sleep"), TIMER("timer"), UNLOCK("unlock"), LOCK("lock"),
        WAIT("wait"), SIGNAL("signal"), BROADCAST("broadcast"), SYNC("sync"), BARRIER("barrier"),
        SUSPEND("suspend"), RESUME("resume"), FORK("fork"), YIELD("yield"), MEM("mem"), IORUN("iorun");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The kind a member name denotes ({@code run}, {@code run2}, {@code sleep1} …), or null. */
        static Kind of(String key) {
            for (Kind k : values()) {
                if (key.startsWith(k.prefix) && key.substring(k.prefix.length()).chars().allMatch(Character::isDigit)) {
                    return k;
                }
            }
            return null;
        }
    }
}
