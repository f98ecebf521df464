package org.odonata.fs.hammer.fifo;

import org.odonata.fs.hammer.ondisk.ZoneOffset;
import org.odonata.fs.hammer.volume.Volume;

/** Points a volume header's UNDO span at [first, next) and writes the header, as a flush group's header write does. */
final class HeaderSpan {

    private HeaderSpan() {
    }

    static void write(Volume vol, long first, long next) {
        var h = vol.header();
        h.setBlockmap(ZoneOffset.UNDO, h.blockmap(ZoneOffset.UNDO).withFirstNext(ZoneOffset.encode(ZoneOffset.UNDO, 0, first),
                ZoneOffset.encode(ZoneOffset.UNDO, 0, next)));
        vol.writeHeader(true);
    }
}
