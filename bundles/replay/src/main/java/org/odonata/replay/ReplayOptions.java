package org.odonata.replay;

import java.nio.charset.StandardCharsets;

/**
 * How a trace is replayed.
 *
 * @param hostDir the host directory the traced programs started in ({@code --cwd DIR}), absolute
 * @param into    the simulated directory it is replayed under ({@code --into PATH}, default {@code /replay}),
 *                absolute; made with mode 0755 when absent
 * @param umask   the traced programs' umask at the start ({@code --umask}, default 022)
 */
public record ReplayOptions(byte[] hostDir, byte[] into, int umask) {

    public static final String DEFAULT_INTO = "/replay";
    public static final int DEFAULT_UMASK = 022;

    public ReplayOptions {
        if (hostDir.length == 0 || hostDir[0] != '/') {
            throw new IllegalArgumentException("--cwd must be an absolute host path, not '"
                    + new String(hostDir, StandardCharsets.UTF_8) + "'");
        }
        if (into.length == 0 || into[0] != '/') {
            throw new IllegalArgumentException("--into must be an absolute path of the simulated tree, not '"
                    + new String(into, StandardCharsets.UTF_8) + "'");
        }
        if (umask < 0 || umask > 0777) {
            throw new IllegalArgumentException("--umask must be an octal mask from 0 to 0777, not 0"
                    + Integer.toOctalString(umask));
        }
        hostDir = hostDir.clone();
        into = into.clone();
    }

    public static ReplayOptions of(String hostDir, String into, int umask) {
        return new ReplayOptions(hostDir.getBytes(StandardCharsets.UTF_8), into.getBytes(StandardCharsets.UTF_8),
                umask);
    }

    @Override
    public byte[] hostDir() {
        return hostDir.clone();
    }

    @Override
    public byte[] into() {
        return into.clone();
    }
}
