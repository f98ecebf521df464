package org.odonata.fs.hammer.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.fs.hammer.lock.HammerThreads;

/**
 * HAMMER's thread services on an engine's simulated threads, as a simulated kernel gives them: curthread is the
 * running simulated thread, tsleep parks it until a wakeup on the identity unparks it. The host thread (mounting
 * before the threads start) is thread {@link #HOST}.
 */
public final class EngineThreads implements HammerThreads {

    public static final long HOST = Long.MAX_VALUE;

    private final Engine engine;
    private final Map<Long, List<SimThread>> sleepers = new HashMap<>();
    private long idents;

    public EngineThreads(Engine engine) {
        this.engine = engine;
    }

    @Override
    public long curthread() {
        SimThread t = engine.current();
        return t == null ? HOST : t.id() + 1;
    }

    @Override
    public long newIdent() {
        return ++idents;
    }

    @Override
    public void tsleep(long ident, String wmesg) {
        SimThread t = engine.current();
        if (t == null) {
            throw new IllegalStateException("the host thread cannot sleep on " + wmesg);
        }
        sleepers.computeIfAbsent(ident, k -> new ArrayList<>()).add(t);
        engine.park();
    }

    @Override
    public void wakeup(long ident) {
        List<SimThread> woken = sleepers.remove(ident);
        if (woken != null) {
            for (SimThread t : woken) {
                t.unpark();
            }
        }
    }
}
