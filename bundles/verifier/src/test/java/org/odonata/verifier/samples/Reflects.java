package org.odonata.verifier.samples;

public class Reflects {
    public Object peek(Object o) throws ReflectiveOperationException {
        java.lang.reflect.Field f = o.getClass().getDeclaredField("x");
        f.setAccessible(true);
        return f.get(o);
    }
}
