package dev.riservo.system;

import static dev.riservo.system.HostileVariants.concat;
import static dev.riservo.system.HostileVariants.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riservo.system.HostileVariants.Value;
import dev.riservo.system.HostileVariants.Variant;
import dev.riservo.system.OpenApiWalker.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Hostile JSON bodies built from an operation's valid one: the document as a whole (not an object,
 * truncated, duplicate keys, unknown fields, invalid UTF-8, nesting), and each property its schema
 * declares, required or not, nested or not, given values hostile for its type.
 */
final class JsonBodyVariants {

  private static final int MAX_DEPTH = 3;
  private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

  private final Operation operation;
  private final ExampleValues examples;
  private final JsonNode valid;
  private final BiFunction<String, byte[], Variant> withBody;

  JsonBodyVariants(
      Operation operation,
      ExampleValues examples,
      JsonNode valid,
      BiFunction<String, byte[], Variant> withBody) {
    this.operation = operation;
    this.examples = examples;
    this.valid = valid;
    this.withBody = withBody;
  }

  void addTo(List<Variant> variants) {
    documentVariants(variants);
    if (valid.isObject()) {
      fieldVariants(operation.bodySchema(), List.of(), 0, variants);
    }
  }

  private void documentVariants(List<Variant> out) {
    String text = valid.toString();
    String inner = text.length() > 2 ? text.substring(1, text.length() - 1) : "";
    String sep = inner.isEmpty() ? "" : ",";
    add(out, "body: empty", "");
    add(out, "body: null", "null");
    add(out, "body: an array", "[]");
    add(out, "body: a string", "\"walk\"");
    add(out, "body: truncated", text.substring(0, Math.max(1, text.length() / 2)));
    add(out, "body: trailing garbage", text + " walk");
    add(out, "body: two documents", text + text);
    add(out, "body: a comment", "/* walk */" + text);
    add(out, "body: single quotes", text.replace('"', '\''));
    add(out, "body: unknown field", "{\"walkUnknown\":\"x\"" + sep + inner + "}");
    add(out, "body: unknown field with NUL key", "{\"walk\\u0000\":1" + sep + inner + "}");
    add(
        out,
        "body: 20,000 unknown fields",
        "{" + "\"w%d\":1,".repeat(20_000).formatted(range(20_000)) + inner + "}");
    add(
        out,
        "body: nesting 100,000 deep",
        "{\"walkDeep\":" + "[".repeat(100_000) + "]".repeat(100_000) + sep + inner + "}");
    add(
        out,
        "body: a 5,000-digit number",
        "{\"walkNumber\":" + "9".repeat(5000) + sep + inner + "}");
    out.add(
        withBody.apply(
            "body: invalid UTF-8 in an unknown field",
            concat(utf8("{\"walkUnknown\":\""), BAD_UTF8, utf8("\"" + sep + inner + "}"))));
    out.add(
        withBody.apply(
            "body: invalid UTF-8 in a key",
            concat(utf8("{\"walk"), BAD_UTF8, utf8("\":1" + sep + inner + "}"))));
    out.add(
        withBody.apply(
            "body: byte-order mark",
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text))));
    out.add(withBody.apply("body: UTF-16", text.getBytes(StandardCharsets.UTF_16BE)));
    var first = valid.fields();
    if (first.hasNext()) {
      var entry = first.next();
      add(
          out,
          "body: duplicate key " + entry.getKey(),
          "{" + inner + ",\"" + entry.getKey() + "\":" + other(entry.getValue()) + "}");
    }
    valid
        .fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isObject() && entry.getValue().size() > 0) {
                ObjectNode copy = valid.deepCopy();
                var nested = entry.getValue().fields().next();
                String nestedText = entry.getValue().toString();
                String dup =
                    nestedText.substring(0, nestedText.length() - 1)
                        + ",\""
                        + nested.getKey()
                        + "\":"
                        + other(nested.getValue())
                        + "}";
                copy.put(entry.getKey(), "@@dup@@");
                add(
                    out,
                    "body: duplicate key " + entry.getKey() + "." + nested.getKey(),
                    copy.toString().replace("\"@@dup@@\"", dup));
              }
            });
  }

  private static Object[] range(int n) {
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return values;
  }

  private static String other(JsonNode value) {
    return value.isTextual() ? "\"walk-other\"" : value.isNumber() ? "1" : "\"walk-other\"";
  }

  private void add(List<Variant> out, String name, String body) {
    out.add(withBody.apply(name, utf8(body)));
  }

  // ---- per property ----

  private void fieldVariants(JsonNode schema, List<String> at, int depth, List<Variant> out) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              List<String> path = new ArrayList<>(at);
              path.add(property.getKey());
              JsonNode propertySchema = examples.resolve(property.getValue());
              for (Value value : values(propertySchema)) {
                out.add(
                    withBody.apply(
                        "field " + String.join(".", path) + ": " + value.name(),
                        bodyWith(path, value.raw())));
              }
              if ("object".equals(OpenApiWalker.type(propertySchema)) && depth < MAX_DEPTH) {
                fieldVariants(propertySchema, path, depth + 1, out);
              }
            });
  }

  /** The valid body with the value at {@code path} replaced (parents made where missing). */
  private byte[] bodyWith(List<String> path, byte[] raw) {
    ObjectNode root = valid.deepCopy();
    ObjectNode at = root;
    JsonNode schema = operation.bodySchema();
    for (String name : path.subList(0, path.size() - 1)) {
      schema = examples.resolve(schema.path("properties").path(name));
      JsonNode child = at.get(name);
      if (!(child instanceof ObjectNode)) {
        JsonNode made = examples.of(schema);
        child = made instanceof ObjectNode ? made : OpenApiWalker.JSON.createObjectNode();
        at.set(name, child);
      }
      at = (ObjectNode) child;
    }
    return HostileVariants.withRaw(root, at, path.get(path.size() - 1), raw);
  }

  /** Hostile values for a property of this schema. */
  static List<Value> values(JsonNode schema) {
    List<Value> values = new ArrayList<>();
    values.add(Value.of("null", "null"));
    String type = OpenApiWalker.type(schema);
    String format = schema.path("format").asText("");
    if (schema.has("enum")) {
      String first = schema.get("enum").path(0).asText("walk");
      values.add(Value.of("number for an enum", "12345"));
      values.add(Value.of("unknown constant", "\"WALK_UNKNOWN\""));
      values.add(Value.of("lower-case constant", "\"" + first.toLowerCase(Locale.ROOT) + "\""));
      values.add(Value.of("NUL in constant", "\"" + first + "\\u0000\""));
      return values;
    }
    switch (type) {
      case "integer", "number" -> {
        values.add(Value.of("string for a number", "\"walk\""));
        values.add(Value.of("array for a number", "[1]"));
        values.add(Value.of("2^63", "9223372036854775808"));
        values.add(Value.of("-2^63-1", "-9223372036854775809"));
        values.add(Value.of("2^31", "2147483648"));
        values.add(Value.of("-1", "-1"));
        values.add(Value.of("0", "0"));
        values.add(Value.of("1.5", "1.5"));
        values.add(Value.of("1e400", "1e400"));
        values.add(Value.of("-1e400", "-1e400"));
        values.add(Value.of("1e-400", "1e-400"));
      }
      case "boolean" -> {
        values.add(Value.of("string \"true\"", "\"true\""));
        values.add(Value.of("number 1", "1"));
        values.add(Value.of("object for a boolean", "{}"));
      }
      case "object" -> {
        values.add(Value.of("string for an object", "\"walk\""));
        values.add(Value.of("array for an object", "[]"));
        values.add(Value.of("empty object", "{}"));
        if (schema.has("additionalProperties")) {
          values.add(Value.of("map: NUL key", "{\"walk\\u0000\":\"x\"}"));
          values.add(Value.of("map: NUL value", "{\"MONDAY\":\"09:00\\u0000\"}"));
          values.add(Value.of("map: number value", "{\"MONDAY\":12}"));
          values.add(
              Value.of(
                  "map: 1,000 entries",
                  "{" + "\"k%d\":\"x\",".repeat(999).formatted(range(999)) + "\"k\":\"x\"}"));
        }
      }
      case "array" -> {
        values.add(Value.of("string for an array", "\"walk\""));
        values.add(Value.of("object for an array", "{}"));
        values.add(Value.of("[null]", "[null]"));
        values.add(Value.of("[NUL string]", "[\"walk\\u0000\"]"));
        values.add(Value.of("nested arrays", "[[[]]]"));
        int many = schema.has("maxItems") ? schema.get("maxItems").asInt() + 1 : 10_000;
        values.add(Value.of(many + " items", "[" + "\"walk\",".repeat(many - 1) + "\"walk\"]"));
      }
      default -> stringValues(schema, format, values);
    }
    return values;
  }

  private static void stringValues(JsonNode schema, String format, List<Value> values) {
    values.add(Value.of("number for a string", "12345"));
    values.add(Value.of("object for a string", "{\"walk\":1}"));
    values.add(Value.of("NUL byte", "\"walk\\u0000nul\""));
    values.add(new Value("invalid UTF-8", concat(utf8("\"walk"), BAD_UTF8, utf8("\""))));
    values.add(Value.of("lone surrogate", "\"walk\\ud800\""));
    values.add(Value.of("empty", "\"\""));
    switch (format) {
      case "date-time" -> {
        values.add(Value.of("year -1000000000", "\"-1000000000-01-01T00:00:00Z\""));
        values.add(Value.of("year +294277", "\"+294277-01-01T00:00:00Z\""));
        values.add(Value.of("year 1", "\"0001-01-01T00:00:00Z\""));
        values.add(Value.of("year 9999", "\"9999-12-31T23:59:59.999999999Z\""));
        values.add(Value.of("30 February 25:61", "\"2026-02-30T25:61:00Z\""));
        values.add(Value.of("no zone", "\"2026-01-01T00:00:00\""));
        values.add(Value.of("epoch 1e20", "1e20"));
      }
      case "date" -> {
        values.add(Value.of("date -999999999-01-01", "\"-999999999-01-01\""));
        values.add(Value.of("date +999999999-12-31", "\"+999999999-12-31\""));
        values.add(Value.of("date 0001-01-01", "\"0001-01-01\""));
        values.add(Value.of("date 0000-00-00", "\"0000-00-00\""));
      }
      case "uuid" -> {
        values.add(Value.of("not a uuid", "\"walk-not-a-uuid\""));
        values.add(Value.of("nil uuid", "\"00000000-0000-0000-0000-000000000000\""));
      }
      default -> {
        int max = schema.path("maxLength").asInt(0);
        int longer = max > 0 ? max + 1 : 70_000;
        values.add(Value.of(longer + " characters", "\"" + "w".repeat(longer) + "\""));
        values.add(Value.of("year +294277 as text", "\"+294277-01-01T00:00:00Z\""));
      }
    }
  }
}
