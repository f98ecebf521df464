package org.odonata.api.block;

/** The service model of a disk. */
public enum DiskKind {
    /** No service time at all: a RAM disk. */
    RAM,
    /** Seek, rotational latency and transfer; one request at a time. */
    HDD,
    /** SATA SSD: NCQ depth 32, per-op latency and bandwidth. */
    SATA_SSD,
    /** NVMe: deep queues, low per-op latency, high bandwidth. */
    NVME
}
