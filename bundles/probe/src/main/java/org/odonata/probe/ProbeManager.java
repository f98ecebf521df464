package org.odonata.probe;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.odonata.api.bundle.Verdict;
import org.odonata.api.bundle.Violation;
import org.odonata.api.probe.ThreadClock;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * The probes in force and their weaving. Adding or removing a probe re-plans every site (one woven method, with the
 * probes that watch it) over the loaded classes and re-weaves them in one step; a class defined later is woven as
 * it is defined ({@link #weaveDefined}), its own bytes kept so removal can give them back. Every check (target,
 * filter, name, the bundle verifier's verdict on each method) happens before anything is woven, and a failed weave
 * restores the previous weaving, so nothing is ever left half-woven. Not thread-safe: the shell calls it from one
 * thread, and weaving at definition only reads the plan.
 */
public final class ProbeManager {

    private static final String BOOT_PACKAGE = "org/odonata/probe/boot/";

    private final Instrumentation instrumentation;
    private final ProbeRuntime runtime;
    private final Weaver weaver;
    private final VerdictSource verdicts;
    private final Unloaded unloaded;
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final Map<String, Integer> siteIds = new ConcurrentHashMap<>();
    private final Map<String, byte[]> definedOriginals = new ConcurrentHashMap<>();
    private final ClassFileTransformer restore = new ClassFileTransformer() {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                byte[] buffer) {
            return redefined == null || name == null ? null : definedOriginals.get(name.replace('/', '.'));
        }
    };
    private volatile ProbeRuntime.Site[] sites = new ProbeRuntime.Site[0];

    /** A method of an installed bundle's class that is not loaded yet, with the verdict on its bundle. */
    record LaterMethod(String className, String method, String descriptor, Optional<Verdict> verdict) {
    }

    /** The methods a target names in classes of installed bundles that are not loaded yet (woven as they load). */
    @FunctionalInterface
    interface Unloaded {
        List<LaterMethod> methods(Target target, Set<String> loaded);

        static Unloaded none() {
            return (t, loaded) -> List.of();
        }
    }

    /** Which methods the bundle verifier found unsafe: the verdict of a loaded class's bundle, if any. */
    @FunctionalInterface
    public interface VerdictSource {
        Optional<Verdict> of(Class<?> c);

        static VerdictSource none() {
            return c -> Optional.empty();
        }

    }

    /** A manager that knows only the loaded classes. */
    public ProbeManager(Instrumentation instrumentation, ThreadClock clock, VerdictSource verdicts,
            ClassLoader bootClasses) {
        this(instrumentation, clock, verdicts, Unloaded.none(), bootClasses);
    }

    /**
     * Puts the dispatch hook on the boot class path and installs this manager's runtime behind it.
     *
     * @param unloaded    the installed bundles' classes not loaded yet, which a target may name too
     * @param bootClasses where to read the hook's class files (this bundle's class loader)
     */
    public ProbeManager(Instrumentation instrumentation, ThreadClock clock, VerdictSource verdicts, Unloaded unloaded,
            ClassLoader bootClasses) {
        // first: nothing may load the hook's classes from elsewhere before they are on the boot class path
        injectBootHook(instrumentation, bootClasses);
        this.instrumentation = instrumentation;
        this.runtime = new ProbeRuntime(clock);
        this.weaver = new Weaver(instrumentation);
        this.verdicts = verdicts;
        this.unloaded = unloaded;
        instrumentation.addTransformer(restore, true);
    }

    /**
     * Puts the hook's classes on the boot class path unless they are there. This class refers to none of them
     * (only {@link ProbeRuntime} does), so verifying it cannot load them from anywhere else first.
     */
    private static void injectBootHook(Instrumentation inst, ClassLoader from) {
        try {
            Class.forName("org.odonata.probe.boot.ProbeDispatch", false, null);
            return;
        } catch (ClassNotFoundException e) {
            // not there yet: inject it below
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : List.of("Dispatcher", "ProbeDispatch")) {
            try (InputStream in = from.getResourceAsStream(BOOT_PACKAGE + name + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("the probe bundle lacks " + BOOT_PACKAGE + name + ".class");
                }
                classes.put((BOOT_PACKAGE + name).replace('/', '.'), in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the probe hook's classes", e);
            }
        }
        try {
            Path folder = Files.createTempDirectory("odonata-probe-boot");
            ClassInjector.UsingInstrumentation.of(folder.toFile(), ClassInjector.UsingInstrumentation.Target.BOOTSTRAP,
                    inst).injectRaw(classes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot put the probe hook on the boot class path", e);
        }
    }

    /**
     * Adds a probe and weaves it into every loaded method it names.
     *
     * @return one line: what was woven
     * @throws IllegalArgumentException one line saying what is wrong; nothing was woven
     */
    public String add(String target, Set<Probe.Kind> kinds, String filter, String name) {
        Target t = Target.parse(target);
        Filter f = filter == null || filter.isBlank() ? Filter.NONE : Filter.parse(filter);
        String n = name == null ? "p" + (probes.size() + 1) : name;
        if (!n.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("probe name '" + n + "': letters, digits, '_', '.' or '-'");
        }
        if (probes.containsKey(n)) {
            throw new IllegalArgumentException("a probe named '" + n + "' exists; probe:rm " + n + " first, or "
                    + "give --name");
        }
        Probe p = new Probe(n, t, kinds, f);
        Map<Class<?>, List<Method>> found = matches(t);
        Set<String> loaded = new java.util.HashSet<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            loaded.add(c.getName());
        }
        List<LaterMethod> later = unloaded.methods(t, loaded);
        if (found.isEmpty() && later.isEmpty()) {
            String deeper = target.substring(0, target.indexOf('#')).replace("**", "*").replace("*", "**")
                    + target.substring(target.indexOf('#'));
            String hint = !deeper.equals(target) && !matches(Target.parse(deeper)).isEmpty()
                    ? "; '*' stays within one package, '" + deeper + "' would match" : inheritedHint(t);
            throw new IllegalArgumentException("probe target '" + target + "' matches no method of any loaded "
                    + "class nor of any installed bundle's class (classes of bundles installed later are woven as "
                    + "they load, but something must match now)" + hint);
        }
        for (Map.Entry<Class<?>, List<Method>> e : found.entrySet()) {
            Optional<Verdict> v = verdicts.of(e.getKey());
            for (Method m : e.getValue()) {
                Optional<Violation> bad = unsafe(v, e.getKey().getName(), m.getName()
                        + new MethodDescription.ForLoadedMethod(m).getDescriptor());
                if (bad.isPresent()) {
                    throw new IllegalArgumentException("probe target '" + target + "': the bundle verifier marks "
                            + bad.get() + " unsafe to weave; nothing was woven");
                }
            }
        }
        for (LaterMethod m : later) {
            Optional<Violation> bad = unsafe(m.verdict(), m.className(), m.method() + m.descriptor());
            if (bad.isPresent()) {
                throw new IllegalArgumentException("probe target '" + target + "': the bundle verifier marks "
                        + bad.get() + " unsafe to weave; nothing was woven");
            }
        }
        Map<String, Probe> before = new LinkedHashMap<>(probes);
        probes.put(n, p);
        try {
            apply();
        } catch (RuntimeException e) {
            probes.clear();
            probes.putAll(before);
            apply();
            throw new IllegalArgumentException("probe " + n + ": " + e.getMessage(), e);
        }
        long methods = sitesOf(p);
        long laterClasses = later.stream().map(LaterMethod::className).distinct().count();
        return "probe " + n + ": " + target + " woven into " + methods + " method" + (methods == 1 ? "" : "s")
                + " of " + found.size() + " class" + (found.size() == 1 ? "" : "es") + (later.isEmpty() ? ""
                : "; " + later.size() + " method" + (later.size() == 1 ? "" : "s") + " of " + laterClasses + " class"
                + (laterClasses == 1 ? "" : "es") + " not loaded yet, woven as " + (laterClasses == 1 ? "it loads"
                : "they load"));
    }

    /**
     * Adds an experiment's probes, all or none, for a session whose trials each count their own thread's calls.
     *
     * @throws IllegalArgumentException naming the request at fault; nothing stays woven for the session then
     */
    public org.odonata.api.probe.ProbeSession attach(List<org.odonata.api.probe.ProbeRequest> requests) {
        List<Probe> added = new ArrayList<>();
        try {
            for (int i = 0; i < requests.size(); i++) {
                org.odonata.api.probe.ProbeRequest r = requests.get(i);
                Set<Probe.Kind> kinds = java.util.EnumSet.noneOf(Probe.Kind.class);
                for (String k : r.kinds()) {
                    try {
                        kinds.add(Probe.Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("no probe kind '" + k + "'; kinds: count, hist, args, ret");
                    }
                }
                try {
                    add(r.target(), kinds, r.filter(), r.name());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("probes[" + i + "] (" + r.name() + "): " + e.getMessage(), e);
                }
                added.add(probes.get(r.name()));
            }
        } catch (IllegalArgumentException e) {
            added.forEach(p -> probes.remove(p.name()));
            apply();
            throw e;
        }
        return new org.odonata.api.probe.ProbeSession() {
            @Override
            public void beginTrial() {
                added.forEach(Probe::beginTrial);
            }

            @Override
            public Map<org.odonata.api.metric.Metric, Double> endTrial() {
                Map<org.odonata.api.metric.Metric, Double> m = new LinkedHashMap<>();
                added.forEach(p -> m.putAll(p.endTrial()));
                return m;
            }

            @Override
            public void close() {
                added.forEach(p -> probes.remove(p.name(), p));
                apply();
            }
        };
    }

    /** Removes a probe (or all with {@code *}) and gives the classes back their own bytes. */
    public String remove(String name) {
        List<String> gone = new ArrayList<>();
        if (name.equals("*")) {
            gone.addAll(probes.keySet());
        } else if (probes.containsKey(name)) {
            gone.add(name);
        } else {
            throw new IllegalArgumentException("no probe '" + name + "'; probes: " + (probes.isEmpty() ? "none"
                    : String.join(", ", probes.keySet())));
        }
        gone.forEach(probes::remove);
        apply();
        return "removed " + String.join(", ", gone) + (probes.isEmpty() ? "; no method is woven now" : "");
    }

    public List<Probe> probes() {
        return List.copyOf(probes.values());
    }

    public Optional<Probe> probe(String name) {
        return Optional.ofNullable(probes.get(name));
    }

    /** How many woven methods a probe watches. */
    public long sitesOf(Probe p) {
        long n = 0;
        for (ProbeRuntime.Site s : sites) {
            if (s != null && s.probes().contains(p)) {
                n++;
            }
        }
        return n;
    }

    /** Stops every probe and restores every class. */
    public void close() {
        probes.clear();
        apply();
        instrumentation.removeTransformer(restore);
        runtime.removeHook();
    }

    /**
     * When the target's classes inherit the method rather than declare it: which class declares it, so the user can
     * name that one (a probe weaves declared methods; the declaring class's probe counts every subclass's calls).
     */
    private String inheritedHint(Target t) {
        java.util.Set<String> declaring = new java.util.TreeSet<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (!c.getName().startsWith(t.literalPrefix()) || !t.matchesClass(c.getName()) || c.isInterface()) {
                continue;
            }
            for (Class<?> s = c.getSuperclass(); s != null && Weaver.weavable(s.getName()); s = s.getSuperclass()) {
                if (!Weaver.methods(s, new Target(t.text(), java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(s.getName())), t.methodPattern())).isEmpty()) {
                    declaring.add(s.getName() + "#" + t.text().substring(t.text().indexOf('#') + 1));
                    break;
                }
            }
        }
        return declaring.isEmpty() ? "" : "; the method is inherited: name the class that declares it, '"
                + String.join("' or '", declaring) + "' (its probe counts the calls of every subclass)";
    }

    private Map<Class<?>, List<Method>> matches(Target t) {
        Map<Class<?>, List<Method>> out = new LinkedHashMap<>();
        String prefix = t.literalPrefix();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().startsWith(prefix) && instrumentation.isModifiableClass(c)) {
                List<Method> ms = Weaver.methods(c, t);
                if (!ms.isEmpty()) {
                    out.put(c, ms);
                }
            }
        }
        return out;
    }

    /** Re-plans the sites over the loaded classes and re-weaves them; woven code then reports to this manager. */
    private void apply() {
        runtime.installHook();
        Map<String, ProbeRuntime.Site> byKey = new LinkedHashMap<>();
        Map<Class<?>, List<ProbeRuntime.Site>> plan = new LinkedHashMap<>();
        for (Probe p : probes.values()) {
            for (Map.Entry<Class<?>, List<Method>> e : matches(p.target()).entrySet()) {
                for (Method m : e.getValue()) {
                    site(byKey, plan, e.getKey().getName(), e.getKey(), m.getName(),
                            new MethodDescription.ForLoadedMethod(m).getDescriptor(), p);
                }
            }
        }
        install(byKey.values());
        weaver.weave(plan);
        List<Class<?>> restoreOnly = new ArrayList<>();
        if (!definedOriginals.isEmpty()) {
            for (Class<?> c : instrumentation.getAllLoadedClasses()) {
                if (definedOriginals.containsKey(c.getName()) && !plan.containsKey(c)) {
                    restoreOnly.add(c);
                }
            }
        }
        if (!restoreOnly.isEmpty()) {
            try {
                instrumentation.retransformClasses(restoreOnly.toArray(Class<?>[]::new));
            } catch (UnmodifiableClassException e) {
                throw new IllegalStateException("cannot restore " + restoreOnly, e);
            }
        }
    }

    private void site(Map<String, ProbeRuntime.Site> byKey, Map<Class<?>, List<ProbeRuntime.Site>> plan,
            String className, Class<?> c, String method, String descriptor, Probe p) {
        String key = className + "#" + method + descriptor;
        ProbeRuntime.Site s = byKey.get(key);
        if (s == null) {
            int id = siteIds.computeIfAbsent(key, k -> siteIds.size());
            String simple = className.substring(className.lastIndexOf('.') + 1);
            s = new ProbeRuntime.Site(id, className, method, descriptor, simple + "#" + method, new ArrayList<>());
            byKey.put(key, s);
            if (c != null) {
                plan.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
            }
        }
        s.probes().add(p);
    }

    private void install(java.util.Collection<ProbeRuntime.Site> live) {
        int max = live.stream().mapToInt(ProbeRuntime.Site::id).max().orElse(-1);
        ProbeRuntime.Site[] table = new ProbeRuntime.Site[max + 1];
        for (ProbeRuntime.Site s : live) {
            table[s.id()] = new ProbeRuntime.Site(s.id(), s.className(), s.method(), s.descriptor(), s.label(),
                    List.copyOf(s.probes()));
        }
        sites = table;
        runtime.sites(table);
    }

    /** The violation that makes a method unsafe to weave, by the verdict on its bundle. */
    private static Optional<Violation> unsafe(Optional<Verdict> verdict, String className, String methodAndDescriptor) {
        return verdict.flatMap(x -> x.violations().stream().filter(y -> y.className().equals(className)
                && y.method().equals(methodAndDescriptor)).findFirst());
    }

    /**
     * The bytes of a class being defined with the probes' advice woven in, or null to leave it alone (the
     * WeavingHook's work); its own bytes are kept so that removing the probe restores them. A method the verdict
     * on its bundle marks unsafe is left alone, and the probes that name it say so in {@code probe:show}.
     */
    public byte[] weaveDefined(String className, byte[] bytes, ClassLoader loader, Optional<Verdict> verdict) {
        if (probes.isEmpty() || !Weaver.weavable(className)) {
            return null;
        }
        List<Probe> watching = probes.values().stream().filter(p -> p.target().matchesClass(className)).toList();
        if (watching.isEmpty()) {
            return null;
        }
        net.bytebuddy.pool.TypePool pool = net.bytebuddy.pool.TypePool.Default.of(new net.bytebuddy.dynamic
                .ClassFileLocator.Compound(net.bytebuddy.dynamic.ClassFileLocator.Simple.of(className, bytes),
                net.bytebuddy.dynamic.ClassFileLocator.ForClassLoader.of(loader)));
        var type = pool.describe(className).resolve();
        if (type.isInterface()) {
            return null;
        }
        Map<String, ProbeRuntime.Site> byKey = new LinkedHashMap<>();
        for (ProbeRuntime.Site s : sites) {
            if (s != null) {
                byKey.put(s.className() + "#" + s.method() + s.descriptor(), new ProbeRuntime.Site(s.id(),
                        s.className(), s.method(), s.descriptor(), s.label(), new ArrayList<>(s.probes())));
            }
        }
        List<ProbeRuntime.Site> mine = new ArrayList<>();
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (!Weaver.weavable(m)) {
                continue;
            }
            Optional<Violation> bad = unsafe(verdict, className, m.getName() + m.getDescriptor());
            for (Probe p : watching) {
                if (p.target().matchesMethod(m.getName()) && bad.isPresent()) {
                    p.notWoven(className + "#" + m.getName() + ": the bundle verifier marks " + bad.get()
                            + " unsafe to weave");
                } else if (p.target().matchesMethod(m.getName())) {
                    site(byKey, new LinkedHashMap<>(), className, null, m.getName(), m.getDescriptor(), p);
                }
            }
            ProbeRuntime.Site s = byKey.get(className + "#" + m.getName() + m.getDescriptor());
            if (s != null && !mine.contains(s)) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            return null;
        }
        install(byKey.values());
        definedOriginals.put(className, bytes.clone());
        return Weaver.weave(className, bytes, loader, mine);
    }
}
