package org.odonata.experiments.shard;

/**
 * One shard of a run, {@code I/N}: shard {@code index} (1 to {@code count}, as a Slurm array task numbers them with
 * {@code --array=1-N}) of {@code count}.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": I/N with 1 <= I <= N");
        }
    }

    /** @throws IllegalArgumentException quoting the text and saying what a shard looks like */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // the message below says what a shard looks like
        }
        throw new IllegalArgumentException("--shard '" + text + "': I/N, shard I of N with 1 <= I <= N (e.g. "
                + "--shard 2/8)");
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
