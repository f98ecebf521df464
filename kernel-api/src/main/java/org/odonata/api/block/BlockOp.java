package org.odonata.api.block;

/** What a block request does: DragonFly's {@code b_cmd} ({@code BUF_CMD_READ}, {@code _WRITE}, {@code _FLUSH}). */
public enum BlockOp {
    READ,
    WRITE,
    FLUSH
}
