package org.odonata.hw.x86.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One {@code <object>} of an hwloc XML file, with the line it starts on for error messages. */
final class HwlocObject {

    final String type;
    final Map<String, String> attributes;
    final int line;
    final HwlocObject parent;
    final List<HwlocObject> children = new ArrayList<>();

    HwlocObject(String type, Map<String, String> attributes, int line, HwlocObject parent) {
        this.type = type;
        this.attributes = attributes;
        this.line = line;
        this.parent = parent;
    }

    boolean is(String... types) {
        for (String t : types) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Nearest ancestor (not this object) of one of the types, or null. */
    HwlocObject ancestor(String... types) {
        for (HwlocObject a = parent; a != null; a = a.parent) {
            if (a.is(types)) {
                return a;
            }
        }
        return null;
    }

    /** The last-level cache of the model: hwloc 2.x names it L3Cache, 1.x a Cache of depth 3. */
    boolean isL3() {
        return is("L3Cache")
                || is("Cache") && "3".equals(attributes.get("depth")) && !"2".equals(attributes.get("cache_type"));
    }

    void collect(String type, List<HwlocObject> into) {
        if (is(type)) {
            into.add(this);
        }
        for (HwlocObject child : children) {
            child.collect(type, into);
        }
    }
}
