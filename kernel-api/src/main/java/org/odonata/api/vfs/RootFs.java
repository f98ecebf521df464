package org.odonata.api.vfs;

/**
 * The root filesystem a kernel boots with.
 *
 * @param type   a filesystem type ({@code tmpfs}, {@code hammer})
 * @param device the disk it lives on by name, or null: none for a memory filesystem, the machine's first disk for
 *               a device filesystem, which is made there at boot when the disk holds none
 */
public record RootFs(String type, String device) {

    /** A tmpfs root: a memory filesystem, empty at every boot. */
    public static final RootFs TMPFS = new RootFs("tmpfs", null);

    public RootFs {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("root filesystem type must not be empty");
        }
    }
}
