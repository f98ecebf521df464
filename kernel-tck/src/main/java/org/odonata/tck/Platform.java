package org.odonata.tck;

import java.util.Iterator;
import java.util.ServiceLoader;

import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.KernelFactory;
import org.odonata.api.machine.MachineFactory;

/**
 * What a kit can run implementations on besides its own simulated core: real simulated machines (the token kit
 * needs them) and a real kernel (for the properties that need one). In a bundle's unit tests machines come from
 * the class path ({@link #fromClassPath()}: {@code org.odonata:hw-x86} as a test dependency) and a kernel is passed
 * in, wired as the framework wires it ({@code new KernelFactoryComponent(locks, new VfsComponent(locks,
 * List.of(new TmpfsType())))} with {@code locks} a {@code LockFactoryComponent}); in the shell, both come from the
 * framework's services.
 *
 * @param machines builds machines, or {@code null}
 * @param kernels  boots kernels, or {@code null}
 * @param engine   how simulated threads run: continuations when {@code jdk.internal.vm} is exported to this code
 *                 (faster), else virtual threads
 */
public record Platform(MachineFactory machines, KernelFactory kernels, EngineKind engine) {

    public Platform(MachineFactory machines, KernelFactory kernels) {
        this(machines, kernels, defaultEngine());
    }

    /** Machines from this machine factory, kernels from this kernel factory (either may be {@code null}). */
    public static Platform of(MachineFactory machines, KernelFactory kernels) {
        return new Platform(machines, kernels);
    }

    /** The factories found by {@link ServiceLoader} on the class path (either may be {@code null}). */
    public static Platform fromClassPath() {
        return new Platform(first(MachineFactory.class), first(KernelFactory.class));
    }

    /** Machines, or a failure of the property that needs them, saying how to provide them. */
    public MachineFactory requireMachines() {
        if (machines == null) {
            throw new Property.Skipped("no MachineFactory: add org.odonata:hw-x86 to the test class path, or run "
                    + "tck:run in the shell");
        }
        return machines;
    }

    /** A kernel and machines, or a skip saying how to provide them. */
    public KernelFactory requireKernels() {
        requireMachines();
        if (kernels == null) {
            throw new Property.Skipped("no kernel: pass one in (Platform.of(machines, kernels)), or run tck:run in "
                    + "the shell");
        }
        return kernels;
    }

    private static <T> T first(Class<T> type) {
        Iterator<T> it = ServiceLoader.load(type, Platform.class.getClassLoader()).iterator();
        return it.hasNext() ? it.next() : null;
    }

    private static EngineKind defaultEngine() {
        return Object.class.getModule().isExported("jdk.internal.vm", Platform.class.getModule())
                ? EngineKind.CONTINUATION
                : EngineKind.VIRTUAL_THREAD;
    }
}
