package org.odonata.experiments.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.topology.Topology;
import org.odonata.hw.x86.topology.SysfsReader;

/** The snapshot holds every file the sysfs import reads: a copy of a copy is the same machine. */
class SysfsSnapshotTest {

    /** The snapshot hw:calibrate made of this project's host, committed beside its profile. */
    private static final Path HOST = Path.of("calibration/amd-epyc-2cpu-sysfs");

    @TempDir
    Path dir;

    @Test
    void theCommittedHostSnapshotIsTheHostsMachine() {
        Topology t = SysfsReader.read(HOST);
        assertEquals("packages: 1  cores: 2  cpus: 2  numa: 1", t.counts());
        assertEquals(1, t.l3Count(), "both cores share the EPYC's L3");
    }

    @Test
    void aSnapshotOfASnapshotReadsAsTheSameTopology() throws IOException {
        SysfsSnapshot.copy(HOST, dir);
        Topology original = SysfsReader.read(HOST);
        Topology copy = SysfsReader.read(dir);
        assertEquals(original.cpus(), copy.cpus());
        assertEquals(original.nodes(), copy.nodes());
    }
}
