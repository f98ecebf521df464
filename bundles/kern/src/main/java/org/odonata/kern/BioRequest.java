package org.odonata.kern;

import java.nio.ByteBuffer;

import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BioDone;
import org.odonata.api.block.BlockOp;

/** One request of the block I/O path ({@code struct bio} with the fields of its {@code struct buf} it needs). */
final class BioRequest implements Bio {

    /** {@code EIO}: what biowait returns for a request the device failed. */
    static final int EIO = 5;

    final BioLayer.Unit unit;
    private final BlockOp cmd;
    private final long offset;
    private final ByteBuffer data;
    private final int length;
    private final boolean fua;
    /** {@code bio_done}, or null for a synchronous request that {@code biowait} waits for. */
    final BioDone callback;
    /** What the waiters sleep on ({@code tsleep(bio, ...)}). */
    final long ident;
    private final long issuedAt;
    boolean done;
    int error;
    long completedAt = -1;
    int completionCpu = -1;

    BioRequest(BioLayer.Unit unit, BlockOp cmd, long offset, ByteBuffer data, boolean fua, BioDone callback, long ident,
            long issuedAt) {
        this.unit = unit;
        this.cmd = cmd;
        this.offset = cmd == BlockOp.FLUSH ? 0 : offset;
        this.data = data;
        this.length = cmd == BlockOp.FLUSH ? 0 : data.remaining();
        this.fua = fua;
        this.callback = callback;
        this.ident = ident;
        this.issuedAt = issuedAt;
    }

    @Override
    public String device() {
        return unit.name;
    }

    @Override
    public BlockOp cmd() {
        return cmd;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public ByteBuffer data() {
        return data;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public boolean fua() {
        return fua;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public int error() {
        return error;
    }

    @Override
    public long issuedAt() {
        return issuedAt;
    }

    @Override
    public long completedAt() {
        return completedAt;
    }

    @Override
    public int completionCpu() {
        return completionCpu;
    }

    @Override
    public String toString() {
        return "bio " + cmd + " " + unit.name + "@" + offset + "+" + length + (done ? " done" : "");
    }
}
