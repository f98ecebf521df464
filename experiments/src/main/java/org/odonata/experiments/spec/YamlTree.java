package org.odonata.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The spec as snakeyaml-engine nodes, which keep every value's line and column, and the key-path edits that
 * {@code --set}, sweeps and variant parameters make to it. A key path is dotted: {@code machine.cpus},
 * {@code machine.costs.contextSwitch}; in a list an item is chosen by its {@code name} (workloads also by
 * {@code type}) or its index, and a workload's item keys other than its own fields reach into its
 * {@code parameters}: {@code workloads.hackbench.loops}. Edits copy the nodes they change, never the input.
 */
final class YamlTree {

    private static final Set<String> WORKLOAD_FIELDS = Set.of("type", "name", "file", "parameters", "args");

    private YamlTree() {
    }

    /** Composes one YAML document; the label becomes the file name of every mark. */
    static Optional<Node> compose(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).build();
        return new Compose(settings).composeString(text);
    }

    /**
     * Where the alias is that takes a document over snakeyaml-engine's limit of aliases (its error has no
     * position): the first alias past the limit, or the last one. Parsing events does not expand aliases, so this
     * is cheap even for an alias bomb.
     */
    static Optional<Mark> aliasOverLimit(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).build();
        Mark last = null;
        int aliases = 0;
        try {
            for (Event e : new Parse(settings).parseString(text)) {
                if (e instanceof AliasEvent) {
                    last = e.getStartMark().orElse(last);
                    if (++aliases > settings.getMaxAliasesForCollections()) {
                        break;
                    }
                }
            }
        } catch (RuntimeException unparsable) {
            // the position of the last alias before the text stopped parsing
        }
        return Optional.ofNullable(last);
    }

    /**
     * A copy of {@code root} with the value at {@code path} replaced (or added) by {@code value}. Under
     * {@code sweep} (and {@code sweep.zip}) the rest of the path is one key, itself a key path:
     * {@code sweep.machine.cpus} is the swept key {@code machine.cpus}.
     */
    static Node with(Node root, String path, Node value) {
        List<String> segments = List.of(path.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + path + "' is not a key path (keys joined by dots)");
        }
        if (segments.get(0).equals("sweep") && segments.size() > 2) {
            int head = segments.get(1).equals(SpecReader.ZIP) && segments.size() > 2 ? 2 : 1;
            List<String> joined = new ArrayList<>(segments.subList(0, head));
            joined.add(String.join(".", segments.subList(head, segments.size())));
            segments = joined;
        }
        return replace(root, segments, 0, value, path, null);
    }

    private static Node replace(Node node, List<String> path, int i, Node value, String whole, String parentKey) {
        String seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (node instanceof MappingNode m) {
            List<NodeTuple> tuples = new ArrayList<>(m.getValue());
            int at = indexOf(m, seg);
            Node child;
            if (last) {
                child = value;
            } else {
                Node old = at < 0 ? emptyMap() : tuples.get(at).getValueNode();
                child = descend(old, path, i + 1, value, whole, seg);
            }
            NodeTuple tuple = new NodeTuple(at < 0 ? scalar(seg, value) : tuples.get(at).getKeyNode(), child);
            if (at < 0) {
                tuples.add(tuple);
            } else {
                tuples.set(at, tuple);
            }
            return new MappingNode(m.getTag(), true, tuples, m.getFlowStyle(), m.getStartMark(), m.getEndMark());
        }
        if (node instanceof SequenceNode s && seg.equals("*")) {
            // every item: workloads.*.mem sets the parameter of each workload
            Node all = s;
            for (int k = 0; k < s.getValue().size(); k++) {
                List<String> one = new ArrayList<>(path);
                one.set(i, Integer.toString(k));
                all = replace(all, one, i, value, whole, parentKey);
            }
            return all;
        }
        if (node instanceof SequenceNode s) {
            List<Node> items = new ArrayList<>(s.getValue());
            int at = itemIndex(s, seg);
            if (at < 0) {
                throw new IllegalArgumentException("'" + whole + "': no item '" + seg + "' in " + parentKey
                        + "; items: " + itemNames(s));
            }
            if (last) {
                throw new IllegalArgumentException("'" + whole + "' names a whole " + parentKey
                        + " item; give one of its keys");
            }
            Node item = items.get(at);
            boolean intoParameters = "workloads".equals(parentKey) && !WORKLOAD_FIELDS.contains(path.get(i + 1));
            Node changed;
            if (intoParameters) {
                List<String> p = new ArrayList<>(path.subList(0, i + 1));
                p.add("parameters");
                p.addAll(path.subList(i + 1, path.size()));
                changed = replace(item, p, i + 1, value, whole, seg);
            } else {
                changed = replace(item, path, i + 1, value, whole, seg);
            }
            items.set(at, changed);
            return new SequenceNode(s.getTag(), true, items, s.getFlowStyle(), s.getStartMark(), s.getEndMark());
        }
        throw new IllegalArgumentException("'" + whole + "': '" + String.join(".", path.subList(0, i))
                + "' is a single value, not a map or list");
    }

    private static Node descend(Node old, List<String> path, int i, Node value, String whole, String key) {
        return replace(old, path, i, value, whole, key);
    }

    static int indexOf(MappingNode m, String key) {
        List<NodeTuple> tuples = m.getValue();
        for (int k = 0; k < tuples.size(); k++) {
            if (tuples.get(k).getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return k;
            }
        }
        return -1;
    }

    static Node get(MappingNode m, String key) {
        int at = indexOf(m, key);
        return at < 0 ? null : m.getValue().get(at).getValueNode();
    }

    private static int itemIndex(SequenceNode s, String seg) {
        List<Node> items = s.getValue();
        for (int k = 0; k < items.size(); k++) {
            if (items.get(k) instanceof MappingNode m && (scalarEquals(get(m, "name"), seg)
                    || get(m, "name") == null && scalarEquals(get(m, "type"), seg))) {
                return k;
            }
        }
        if (seg.chars().allMatch(Character::isDigit)) {
            int k = Integer.parseInt(seg);
            return k < items.size() ? k : -1;
        }
        return -1;
    }

    private static String itemNames(SequenceNode s) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < s.getValue().size(); k++) {
            Node item = s.getValue().get(k);
            Node name = item instanceof MappingNode m ? (get(m, "name") != null ? get(m, "name") : get(m, "type"))
                    : null;
            names.add(name instanceof ScalarNode sc ? sc.getValue() : String.valueOf(k));
        }
        return String.join(", ", names);
    }

    private static boolean scalarEquals(Node n, String value) {
        return n instanceof ScalarNode s && s.getValue().equals(value);
    }

    private static MappingNode emptyMap() {
        return new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
    }

    private static ScalarNode scalar(String text, Node markedLike) {
        Optional<Mark> start = markedLike.getStartMark();
        return new ScalarNode(Tag.STR, true, text, org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN, start,
                markedLike.getEndMark());
    }
}
