package org.odonata.repo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * An OSGi R5 repository index (OSGi Compendium 132.5, the format bnd's indexer writes): its name and resources.
 * Felix's {@code obr:} reads only the older OBR format, hence this reader.
 */
record RepositoryIndex(URI location, String name, List<IndexResource> resources) {

    /**
     * The bundle asked for, the highest version in {@code version} (a range, or {@code null} for any): by
     * symbolic name, or by a capability written {@code namespace=value}.
     */
    Optional<IndexResource> find(String name, String version) {
        VersionRange range = version == null ? null : VersionRange.valueOf(version);
        return named(name).stream().filter(r -> range == null || range.includes(r.version()))
                .max(Comparator.comparing(IndexResource::version));
    }

    /** Why {@link #find} found nothing, with what the index does have. */
    String miss(String name, String version) {
        List<IndexResource> named = named(name);
        if (named.isEmpty()) {
            return location + ": no bundle " + (name.contains("=") ? "providing " + name : "named '" + name + "'")
                    + "; the index has " + String.join(", ", resources.stream().filter(IndexResource::isBundle)
                    .map(IndexResource::symbolicName).sorted().distinct().toList());
        }
        return location + ": no version of " + name + " in " + version + "; the index has "
                + named.stream().map(r -> r.version().toString()).toList();
    }

    private List<IndexResource> named(String name) {
        int eq = name.indexOf('=');
        String namespace = eq < 0 ? null : name.substring(0, eq);
        String value = name.substring(eq + 1);
        return resources.stream().filter(IndexResource::isBundle)
                .filter(r -> namespace == null ? r.symbolicName().equals(name)
                        : r.getCapabilities(namespace).stream()
                                .anyMatch(c -> value.equals(String.valueOf(c.getAttributes().get(namespace)))))
                .toList();
    }

    /** Reads an index ({@code index.xml}, or gzipped when the name ends in {@code .gz}). */
    static RepositoryIndex read(URI location) {
        try (InputStream raw = location.toURL().openStream();
                InputStream in = location.getPath().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return parse(location, in);
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": cannot read the index: " + e.getMessage(), e);
        } catch (XMLStreamException | RuntimeException e) {
            throw new IllegalArgumentException(location + ": not an R5 repository index: " + e.getMessage(), e);
        }
    }

    private static RepositoryIndex parse(URI location, InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader x = f.createXMLStreamReader(in);
        String name = null;
        List<IndexResource> resources = new ArrayList<>();
        IndexResource resource = null;
        String namespace = null;
        boolean capability = false;
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, String> directives = new LinkedHashMap<>();
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "repository" -> name = x.getAttributeValue(null, "name");
                    case "resource" -> resource = new IndexResource();
                    case "capability", "requirement" -> {
                        capability = x.getLocalName().equals("capability");
                        namespace = x.getAttributeValue(null, "namespace");
                        attributes = new LinkedHashMap<>();
                        directives = new LinkedHashMap<>();
                    }
                    case "attribute" -> attributes.put(x.getAttributeValue(null, "name"),
                            typed(x.getAttributeValue(null, "value"), x.getAttributeValue(null, "type")));
                    case "directive" -> directives.put(x.getAttributeValue(null, "name"),
                            x.getAttributeValue(null, "value"));
                    default -> {
                        // referrals and unknown elements are not followed
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (x.getLocalName()) {
                    case "capability", "requirement" -> resource.add(namespace, attributes, directives, capability);
                    case "resource" -> {
                        resource.locate(location);
                        resources.add(resource);
                    }
                    default -> {
                    }
                }
            }
        }
        if (name == null && resources.isEmpty()) {
            throw new IllegalArgumentException("no <repository> element");
        }
        return new RepositoryIndex(location, name == null ? location.toString() : name, List.copyOf(resources));
    }

    /** An attribute's value as its R5 type says: String (default), Version, Long, Double, or a List of one. */
    static Object typed(String value, String type) {
        if (type == null || type.equals("String")) {
            return value;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            String element = type.substring(5, type.length() - 1);
            List<Object> out = new ArrayList<>();
            for (String v : splitList(value)) {
                out.add(typed(v.strip(), element));
            }
            return List.copyOf(out);
        }
        return switch (type) {
            case "Version" -> Version.parseVersion(value);
            case "Long" -> Long.parseLong(value.strip());
            case "Double" -> Double.parseDouble(value.strip());
            default -> throw new IllegalArgumentException("unknown attribute type " + type);
        };
    }

    /** Splits a List value on commas not escaped by a backslash. */
    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                cur.append(value.charAt(++i));
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
