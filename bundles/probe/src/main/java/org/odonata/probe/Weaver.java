package org.odonata.probe;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link SiteAdvice} into methods with Byte Buddy: loaded classes by retransformation (one resettable
 * transformer for every site; resetting it retransforms the classes back to their own bytes), and a class being
 * defined (a bundle installed later, through the WeavingHook) by rewriting its bytes. A weave that fails for any
 * class is undone whole.
 */
final class Weaver {

    /** The classes probes never weave: the JDK's, Byte Buddy's, the probes' own, OSGi's, Felix's. */
    private static final List<String> NEVER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.",
            "org.odonata.probe.", "org.osgi.", "org.apache.felix.", "aQute.");

    private final Instrumentation instrumentation;
    private ResettableClassFileTransformer active;

    Weaver(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    static boolean weavable(String className) {
        return NEVER.stream().noneMatch(className::startsWith) && !className.contains("/");
    }

    /** The methods of a loaded class that a target names: declared, with code, neither bridges nor synthetic. */
    static List<Method> methods(Class<?> c, Target t) {
        List<Method> out = new ArrayList<>();
        if (c.isInterface() || c.isArray() || c.isPrimitive() || c.isHidden() || !weavable(c.getName())
                || !t.matchesClass(c.getName())) {
            return out;
        }
        for (Method m : c.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (!Modifier.isAbstract(mod) && !Modifier.isNative(mod) && !m.isBridge() && !m.isSynthetic()
                    && t.matchesMethod(m.getName())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Replaces whatever was woven by these sites, in the loaded classes that hold them; with no sites, restores
     * every class.
     *
     * @throws IllegalStateException naming the class that could not be woven; nothing stays woven then
     */
    void weave(Map<Class<?>, List<ProbeRuntime.Site>> loaded) {
        unweave();
        if (loaded.isEmpty()) {
            return;
        }
        Map<Class<?>, List<ProbeRuntime.Site>> plan = new LinkedHashMap<>(loaded);
        List<String> errors = new ArrayList<>();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
                        errors.add(typeName + ": " + throwable);
                    }
                })
                .ignore(ElementMatchers.none())
                .type((type, loader, module, redefined, domain) -> redefined != null && plan.containsKey(redefined))
                .transform((b, type, loader, module, domain) -> visit(b, sitesOf(plan, type)));
        ResettableClassFileTransformer t = builder.installOn(instrumentation);
        if (!errors.isEmpty()) {
            t.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            throw new IllegalStateException("could not weave " + errors.get(0) + "; nothing was woven");
        }
        active = t;
    }

    /** Retransforms every class woven so far back to its own bytes. */
    void unweave() {
        if (active != null) {
            active.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            active = null;
        }
    }

    /** The bytes of a class being defined with the sites' advice woven in (WeavingHook). */
    static byte[] weave(String className, byte[] bytes, ClassLoader loader, List<ProbeRuntime.Site> sites) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, bytes),
                ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.of(locator).describe(className).resolve();
        DynamicType.Builder<?> b = new ByteBuddy().with(TypeValidation.DISABLED).redefine(type, locator);
        return visit(b, sites).make().getBytes();
    }

    private static List<ProbeRuntime.Site> sitesOf(Map<Class<?>, List<ProbeRuntime.Site>> plan, TypeDescription t) {
        for (Map.Entry<Class<?>, List<ProbeRuntime.Site>> e : plan.entrySet()) {
            if (e.getKey().getName().equals(t.getName())) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private static DynamicType.Builder<?> visit(DynamicType.Builder<?> b, List<ProbeRuntime.Site> sites) {
        for (ProbeRuntime.Site s : sites) {
            ElementMatcher<MethodDescription> m = ElementMatchers.<MethodDescription>named(s.method())
                    .and(ElementMatchers.hasDescriptor(s.descriptor()));
            b = b.visit(Advice.withCustomMapping().bind(SiteAdvice.Site.class, s.id()).to(SiteAdvice.class).on(m));
        }
        return b;
    }
}
