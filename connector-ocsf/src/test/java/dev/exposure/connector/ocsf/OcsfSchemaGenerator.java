package dev.exposure.connector.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the JSON Schemas (draft 2020-12) of the OCSF classes this module writes from the OCSF
 * schema's source form (dictionary.json, events/, objects/, profiles/). Run by hand, not by the
 * build; its output is committed under src/test/resources/ocsf-1.8.0/ (see the module README):
 *
 * <pre>
 * java -cp ... dev.exposure.connector.ocsf.OcsfSchemaGenerator &lt;ocsf-schema source dir&gt; &lt;output dir&gt;
 * </pre>
 *
 * <p>What it resolves: a class's attributes are its own merged over its parents' ({@code extends}),
 * each over the dictionary's definition of that attribute (type, is_array, enum); enums merge
 * (the dictionary's 0 Unknown / 99 Other stay). Objects the same way, down to every object reachable.
 * {@code requirement: required} becomes JSON Schema {@code required}; {@code constraints} become
 * {@code oneOf} ({@code just_one}) and {@code anyOf} ({@code at_least_one}); a child's constraint of
 * the same kind replaces its parent's. Types: string_t / integer_t / long_t / float_t / boolean_t and
 * the types built on them with their regex, max_len and range; json_t is anything, {@code object} any
 * object. No other property is allowed ({@code additionalProperties: false}). Attributes from
 * profiles ({@code $include}) are allowed; they are required only when the event lists the profile
 * in {@code metadata.profiles}. On events: {@code class_uid} and {@code category_uid} are constants
 * and {@code type_uid} must equal {@code class_uid * 100 + activity_id}.
 */
public final class OcsfSchemaGenerator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The classes written: event name to output file name. */
    static final Map<String, String> CLASSES = Map.of(
            "vulnerability_finding", "vulnerability_finding.schema.json",
            "compliance_finding", "compliance_finding.schema.json",
            "inventory_info", "inventory_info.schema.json");

    private final Path root;
    private final JsonNode dictionary;
    private final JsonNode types;
    private final Map<String, JsonNode> events = new HashMap<>();
    private final Map<String, JsonNode> objects = new HashMap<>();
    private final JsonNode categories;
    private final String version;

    OcsfSchemaGenerator(Path root) throws IOException {
        this.root = root;
        this.dictionary = read(root.resolve("dictionary.json")).get("attributes");
        this.types = read(root.resolve("dictionary.json")).get("types").get("attributes");
        this.categories = read(root.resolve("categories.json")).get("attributes");
        this.version = read(root.resolve("version.json")).get("version").asText();
        try (Stream<Path> files = Files.walk(root.resolve("events"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                JsonNode n = read(p);
                events.put(n.get("name").asText(), n);
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("objects"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                JsonNode n = read(p);
                objects.put(n.get("name").asText(), n);
            }
        }
    }

    /**
     * @param args the OCSF schema source directory and the output directory
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OcsfSchemaGenerator <ocsf-schema source dir> <output dir>");
            System.exit(2);
        }
        OcsfSchemaGenerator gen = new OcsfSchemaGenerator(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (Map.Entry<String, String> e : new TreeMap<>(CLASSES).entrySet()) {
            ObjectNode schema = gen.eventSchema(e.getKey());
            Files.writeString(out.resolve(e.getValue()), JSON.writeValueAsString(schema) + "\n");
            System.out.println("wrote " + out.resolve(e.getValue()));
        }
    }

    private static JsonNode read(Path p) throws IOException {
        return JSON.readTree(p.toFile());
    }

    /** A resolved class or object: merged attributes (each tagged with its profile, if any) and constraints. */
    private record Resolved(Map<String, ObjectNode> attributes, Map<String, JsonNode> constraints,
                            Map<String, List<String>> profileRequired) { }

    private Resolved resolve(JsonNode def, Map<String, JsonNode> index) throws IOException {
        Deque<JsonNode> chain = new ArrayDeque<>();
        for (JsonNode n = def; n != null; ) {
            chain.push(n);
            String parent = n.path("extends").asText("");
            n = parent.isEmpty() || parent.equals("object") ? null : index.get(parent);
            if (!parent.isEmpty() && !parent.equals("object") && n == null) {
                throw new IllegalStateException("unknown parent " + parent);
            }
        }
        Map<String, ObjectNode> attrs = new LinkedHashMap<>();
        Map<String, JsonNode> constraints = new LinkedHashMap<>();
        Map<String, List<String>> profileRequired = new LinkedHashMap<>();
        for (JsonNode n : chain) {
            JsonNode own = n.path("attributes");
            for (JsonNode inc : own.path("$include")) {
                JsonNode profile = read(root.resolve(inc.asText()));
                String profileName = profile.path("name").asText();
                Iterator<Map.Entry<String, JsonNode>> it = profile.path("attributes").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> a = it.next();
                    ObjectNode merged = merge(attrs.get(a.getKey()), a.getValue());
                    merged.put("profile", profileName);
                    attrs.put(a.getKey(), merged);
                    if ("required".equals(a.getValue().path("requirement").asText())) {
                        profileRequired.computeIfAbsent(profileName, k -> new ArrayList<>()).add(a.getKey());
                    }
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = own.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> a = it.next();
                if (!a.getKey().equals("$include")) {
                    attrs.put(a.getKey(), merge(attrs.get(a.getKey()), a.getValue()));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> c = n.path("constraints").fields();
            while (c.hasNext()) {
                Map.Entry<String, JsonNode> e = c.next();
                constraints.put(e.getKey(), e.getValue());
            }
        }
        return new Resolved(attrs, constraints, profileRequired);
    }

    /** Deep merge: objects merge key by key, anything else is replaced. */
    private static ObjectNode merge(JsonNode base, JsonNode over) {
        ObjectNode out = base == null ? F.objectNode() : ((ObjectNode) base).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = out.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge(existing, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    ObjectNode eventSchema(String name) throws IOException {
        JsonNode def = events.get(name);
        Resolved r = resolve(def, events);
        int categoryUid = categories.path(categoryOf(def)).path("uid").asInt();
        int classUid = categoryUid * 1000 + def.path("uid").asInt();
        Set<String> referenced = new LinkedHashSet<>();
        ObjectNode schema = F.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:ocsf:" + version + ":" + name);
        schema.put("title", def.path("caption").asText() + " (" + classUid + "), OCSF " + version);
        schema.put("description", "Generated by OcsfSchemaGenerator from the OCSF " + version
                + " schema sources (Apache License 2.0, see NOTICE). Do not edit.");
        ObjectNode body = objectSchema(r, referenced);
        ObjectNode props = (ObjectNode) body.get("properties");
        props.set("class_uid", F.objectNode().put("const", classUid));
        props.set("category_uid", F.objectNode().put("const", categoryUid));
        List<Integer> activities = new ArrayList<>();
        r.attributes().get("activity_id").path("enum").fieldNames().forEachRemaining(k -> activities.add(Integer.parseInt(k)));
        ArrayNode typeUids = F.arrayNode();
        ArrayNode allOf = F.arrayNode();
        for (int a : activities) {
            typeUids.add(classUid * 100L + a);
            ObjectNode cond = F.objectNode();
            ObjectNode iff = cond.putObject("if");
            iff.putObject("properties").putObject("activity_id").put("const", a);
            iff.putArray("required").add("activity_id");
            cond.putObject("then").putObject("properties").putObject("type_uid").put("const", classUid * 100L + a);
            allOf.add(cond);
        }
        props.set("type_uid", F.objectNode().put("type", "integer").set("enum", typeUids));
        for (Map.Entry<String, List<String>> p : r.profileRequired().entrySet()) {
            ObjectNode cond = F.objectNode();
            ObjectNode iff = cond.putObject("if");
            ObjectNode metadata = iff.putObject("properties").putObject("metadata");
            metadata.putObject("properties").putObject("profiles").putObject("contains").put("const", p.getKey());
            metadata.putArray("required").add("profiles");
            iff.putArray("required").add("metadata");
            ArrayNode req = cond.putObject("then").putArray("required");
            p.getValue().forEach(req::add);
            allOf.add(cond);
        }
        if (body.has("allOf")) {
            ((ArrayNode) body.get("allOf")).addAll(allOf);
        } else {
            body.set("allOf", allOf);
        }
        schema.setAll(body);
        ObjectNode defs = schema.putObject("$defs");
        Deque<String> todo = new ArrayDeque<>(referenced);
        Set<String> done = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String obj = todo.poll();
            if (!done.add(obj)) {
                continue;
            }
            Set<String> more = new LinkedHashSet<>();
            JsonNode odef = objects.get(obj);
            if (odef == null) {
                throw new IllegalStateException("unknown object " + obj);
            }
            defs.set(obj, objectSchema(resolve(odef, objects), more));
            todo.addAll(more);
        }
        ObjectNode sorted = F.objectNode();
        new TreeMap<String, JsonNode>(toMap(defs)).forEach(sorted::set);
        schema.set("$defs", sorted);
        return schema;
    }

    private static Map<String, JsonNode> toMap(ObjectNode n) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** The category of a class: its own, or the nearest parent's. */
    private String categoryOf(JsonNode def) {
        for (JsonNode n = def; n != null; n = events.get(n.path("extends").asText(""))) {
            if (n.hasNonNull("category")) {
                return n.get("category").asText();
            }
        }
        throw new IllegalStateException("no category for " + def.path("name").asText());
    }

    private ObjectNode objectSchema(Resolved r, Set<String> referenced) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Map.Entry<String, ObjectNode> e : new TreeMap<>(r.attributes()).entrySet()) {
            String name = e.getKey();
            JsonNode dict = dictionary.get(name);
            if (dict == null) {
                throw new IllegalStateException("attribute " + name + " is not in the dictionary");
            }
            ObjectNode a = merge(dict, e.getValue());
            props.set(name, attributeSchema(a, referenced));
            boolean profiled = a.hasNonNull("profile");
            if (!profiled && "required".equals(a.path("requirement").asText())) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        ArrayNode allOf = F.arrayNode();
        for (Map.Entry<String, JsonNode> c : r.constraints().entrySet()) {
            ArrayNode alts = F.arrayNode();
            for (JsonNode n : c.getValue()) {
                alts.addObject().putArray("required").add(n.asText());
            }
            switch (c.getKey()) {
                case "just_one" -> allOf.addObject().set("oneOf", alts);
                case "at_least_one" -> allOf.addObject().set("anyOf", alts);
                default -> throw new IllegalStateException("unknown constraint " + c.getKey());
            }
        }
        if (!allOf.isEmpty()) {
            s.set("allOf", allOf);
        }
        return s;
    }

    private ObjectNode attributeSchema(ObjectNode a, Set<String> referenced) {
        String type = a.path("type").asText();
        ObjectNode item;
        if (type.equals("object")) {
            item = F.objectNode().put("type", "object");
        } else if (type.equals("json_t")) {
            item = F.objectNode();
        } else if (type.endsWith("_t")) {
            item = primitive(type);
            JsonNode en = a.get("enum");
            if (en != null && en.size() > 0) {
                ArrayNode values = item.putArray("enum");
                boolean numeric = "integer".equals(item.path("type").asText());
                en.fieldNames().forEachRemaining(k -> {
                    if (numeric) {
                        values.add(Long.parseLong(k));
                    } else {
                        values.add(k);
                    }
                });
            }
        } else {
            referenced.add(type);
            item = F.objectNode().put("$ref", "#/$defs/" + type);
        }
        if (a.path("is_array").asBoolean(false)) {
            ObjectNode arr = F.objectNode().put("type", "array");
            arr.set("items", item);
            return arr;
        }
        return item;
    }

    private ObjectNode primitive(String type) {
        ObjectNode s = F.objectNode();
        List<JsonNode> chain = new ArrayList<>();
        String t = type;
        while (true) {
            JsonNode def = types.get(t);
            if (def == null) {
                throw new IllegalStateException("unknown type " + t);
            }
            chain.add(def);
            if (!def.has("type")) {
                break;
            }
            t = def.get("type").asText();
        }
        s.put("type", switch (t) {
            case "string_t" -> "string";
            case "integer_t", "long_t" -> "integer";
            case "float_t" -> "number";
            case "boolean_t" -> "boolean";
            default -> throw new IllegalStateException("no JSON type for " + type + " (base " + t + ")");
        });
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonNode def = chain.get(i);
            if (def.has("regex")) {
                s.put("pattern", def.get("regex").asText());
            }
            if (def.has("max_len")) {
                s.put("maxLength", def.get("max_len").asInt());
            }
            if (def.has("range")) {
                s.put("minimum", def.get("range").get(0).asLong());
                s.put("maximum", def.get("range").get(1).asLong());
            }
        }
        return s;
    }
}
