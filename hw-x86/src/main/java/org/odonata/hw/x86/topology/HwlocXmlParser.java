package org.odonata.hw.x86.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads hwloc XML (1.x and 2.x) into a tree of {@link HwlocObject}s and the {@code <cpukind>} list,
 * skipping everything else (distances, memory attributes, I/O details). StAX gives line numbers for
 * every error, and the JDK's own parser with DTDs off cannot be made to fetch or expand entities.
 */
final class HwlocXmlParser {

    /** A {@code <cpukind>}: hwloc's efficiency rank (higher is faster, -1 unknown) and its infos. */
    record CpuKind(HwlocCpuset cpus, int efficiency, Map<String, String> infos) {
    }

    record Document(HwlocObject root, List<CpuKind> cpuKinds) {
    }

    private static final XMLInputFactory FACTORY = secureFactory();

    private final String source;
    private final XMLStreamReader reader;

    private HwlocXmlParser(String source, XMLStreamReader reader) {
        this.source = source;
        this.reader = reader;
    }

    private static XMLInputFactory secureFactory() {
        // the JDK's built-in implementation, not whatever a service loader finds on the class path
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    /** @throws IllegalArgumentException "source:line:column: what was wrong" */
    static Document parse(String source, InputStream in) {
        XMLStreamReader reader = null;
        try {
            // hwloc writes UTF-8; checked here because the JDK's parser prints "[Fatal Error]" to stderr on a
            // bad byte before it throws
            String text = utf8(source, in);
            reader = FACTORY.createXMLStreamReader(new StringReader(text));
            return new HwlocXmlParser(source, reader).document();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(where(source, e.getLocation()) + "malformed XML: " + detail(e), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing releases parser state only; the stream belongs to the caller
                }
            }
        }
    }

    private static String utf8(String source, InputStream in) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": not an hwloc XML file: not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private Document document() throws XMLStreamException {
        while (reader.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: XML declaration, DOCTYPE (not loaded), comments
        }
        if (!reader.getLocalName().equals("topology")) {
            throw fail("root element <" + reader.getLocalName() + "> is not <topology>: not an hwloc XML file");
        }
        HwlocObject root = null;
        List<CpuKind> kinds = new ArrayList<>();
        Deque<HwlocObject> open = new ArrayDeque<>();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (open.isEmpty()) {
                    break; // </topology>: everything else was skipped as a whole subtree
                }
                open.pop();
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "object" -> {
                        if (open.isEmpty() && root != null) {
                            throw fail("a second root <object>; hwloc XML has exactly one");
                        }
                        HwlocObject object = object(open.peek());
                        if (open.isEmpty()) {
                            root = object;
                        } else {
                            open.peek().children.add(object);
                        }
                        open.push(object);
                    }
                    case "cpukind" -> {
                        if (!open.isEmpty()) {
                            throw fail("<cpukind> inside an <object>; it belongs directly under <topology>");
                        }
                        kinds.add(cpuKind());
                    }
                    default -> skipSubtree();
                }
            }
        }
        while (reader.hasNext()) {
            reader.next(); // the parser rejects trailing garbage only when it reaches it
        }
        if (root == null) {
            throw new IllegalArgumentException(source + ": <topology> holds no <object>");
        }
        return new Document(root, kinds);
    }

    private HwlocObject object(HwlocObject parent) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        String type = attributes.get("type");
        if (type == null || type.isBlank()) {
            throw fail("<object> without a type attribute");
        }
        return new HwlocObject(type, attributes, reader.getLocation().getLineNumber(), parent);
    }

    private CpuKind cpuKind() throws XMLStreamException {
        String cpuset = reader.getAttributeValue(null, "cpuset");
        if (cpuset == null) {
            throw fail("<cpukind> without a cpuset attribute");
        }
        HwlocCpuset cpus;
        try {
            cpus = HwlocCpuset.parse(cpuset);
        } catch (IllegalArgumentException e) {
            throw fail("<cpukind>: " + e.getMessage());
        }
        String efficiency = reader.getAttributeValue(null, "forced_efficiency");
        if (efficiency == null) {
            efficiency = reader.getAttributeValue(null, "efficiency");
        }
        int rank;
        try {
            rank = efficiency == null ? -1 : Integer.parseInt(efficiency.strip());
        } catch (NumberFormatException e) {
            throw fail("<cpukind> efficiency '" + efficiency + "' is not an integer");
        }
        Map<String, String> infos = new LinkedHashMap<>();
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (reader.getLocalName().equals("info") && reader.getAttributeValue(null, "name") != null) {
                infos.put(reader.getAttributeValue(null, "name"),
                        String.valueOf(reader.getAttributeValue(null, "value")).strip());
            }
            skipSubtree();
        }
        return new CpuKind(cpus, rank, infos);
    }

    /** Called on a start tag; returns after its matching end tag. */
    private void skipSubtree() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(where(source, reader.getLocation()) + what);
    }

    private static String where(String source, Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return source + ": ";
        }
        return source + ":" + location.getLineNumber() + ":" + location.getColumnNumber() + ": ";
    }

    /** The JDK prefixes its own "ParseError at [row,col]" which {@link #where} already says. */
    private static String detail(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return at < 0 ? message : message.substring(at + "Message: ".length());
    }
}
