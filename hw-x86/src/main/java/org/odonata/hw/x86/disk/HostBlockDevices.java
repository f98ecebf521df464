package org.odonata.hw.x86.disk;

import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockDevices;
import org.odonata.api.block.DiskSpec;
import org.osgi.service.component.annotations.Component;

/** The {@link BlockDevices} service: the same disks a machine gets, without an engine, for host-side tools. */
@Component(service = BlockDevices.class)
public final class HostBlockDevices implements BlockDevices {

    @Override
    public BlockDevice open(DiskSpec spec) {
        return Disks.open(spec, null);
    }
}
