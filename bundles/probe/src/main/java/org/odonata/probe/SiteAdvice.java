package org.odonata.probe;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.odonata.probe.boot.ProbeDispatch;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code woven into a probed method (Byte Buddy inlines it): on entry it asks for the virtual time, on every exit
 * it reports the site, that time, the arguments, the return value or throwable. {@code ProbeDispatch} swallows
 * anything the bookkeeping throws, so a probe can never change what the method does. The site number is a
 * constant bound per method.
 */
final class SiteAdvice {

    /** Binds the woven method's site number. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Site {
    }

    private SiteAdvice() {
    }

    @Advice.OnMethodEnter
    static long enter(@Site int site) {
        return ProbeDispatch.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(@Site int site, @Advice.Enter long start, @Advice.AllArguments Object[] args,
            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret, @Advice.Thrown Throwable thrown) {
        ProbeDispatch.exit(site, start, args, ret, thrown);
    }
}
