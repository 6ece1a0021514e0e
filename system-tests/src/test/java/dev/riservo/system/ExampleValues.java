package dev.riservo.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A valid example value for a schema: required properties (and the optional ones a hint names), the
 * first enum constant, uuid / date-time / date formats, the minimum of a number, and a string that
 * matches a simple pattern. Hints give domain values the schema cannot say (an existing purpose, a
 * published notice), keyed by property name.
 */
final class ExampleValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 6;

  private final OpenApiWalker walker;
  private final Map<String, Function<JsonNode, JsonNode>> hints;

  /**
   * @param hints property name to a value given the property's schema; a hinted optional property
   *     is included, so a request carries what the service needs beyond the required fields
   */
  ExampleValues(OpenApiWalker walker, Map<String, Function<JsonNode, JsonNode>> hints) {
    this.walker = walker;
    this.hints = hints;
  }

  JsonNode resolve(JsonNode schema) {
    return walker.resolve(schema);
  }

  JsonNode of(JsonNode schema) {
    return of(walker.resolve(schema), null, 0);
  }

  private JsonNode of(JsonNode schema, String name, int depth) {
    if (name != null && hints.containsKey(name)) {
      JsonNode hinted = hints.get(name).apply(schema);
      if (hinted != null) {
        return hinted;
      }
    }
    if (schema.path("enum").isArray() && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    String type = OpenApiWalker.type(schema);
    switch (type) {
      case "object":
        return object(schema, depth);
      case "array":
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
          array.add(of(walker.resolve(schema.path("items")), null, depth + 1));
        }
        return array;
      case "integer":
      case "number":
        return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1L);
      case "boolean":
        return NODES.booleanNode(false);
      default:
        return NODES.textNode(string(schema));
    }
  }

  private ObjectNode object(JsonNode schema, int depth) {
    ObjectNode object = NODES.objectNode();
    if (depth >= MAX_DEPTH) {
      return object;
    }
    java.util.Set<String> requiredNames = new java.util.HashSet<>();
    schema.path("required").forEach(r -> requiredNames.add(r.asText()));
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              if (requiredNames.contains(p.getKey()) || hints.containsKey(p.getKey())) {
                object.set(p.getKey(), of(walker.resolve(p.getValue()), p.getKey(), depth + 1));
              }
            });
    return object;
  }

  /** A string for a string schema: by format, else one that fits the pattern and lengths. */
  static String string(JsonNode schema) {
    String format = schema.path("format").asText("");
    switch (format) {
      case "uuid":
        return UUID.randomUUID().toString();
      case "date-time":
        return Instant.now()
            .minus(1, ChronoUnit.MINUTES)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
      case "date":
        return LocalDate.now().minusDays(1).toString();
      case "email":
        return "walk-" + shortId() + "@example.com";
      default:
        break;
    }
    int min = schema.path("minLength").asInt(0);
    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
    String pattern = schema.path("pattern").asText(null);
    for (String candidate :
        List.of(
            "walk-" + shortId(),
            pattern == null ? "walk" : PatternExample.of(pattern),
            "walk",
            "a",
            "1")) {
      String fitted = candidate;
      while (fitted.length() < min) {
        fitted = fitted + "a";
      }
      if (fitted.length() <= max
          && (pattern == null || Pattern.compile(pattern).matcher(fitted).find())) {
        return fitted;
      }
    }
    return "walk";
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The shortest string a simple regular expression matches (classes, groups, quantifiers). */
  static final class PatternExample {
    private final String regex;
    private int at;

    private PatternExample(String regex) {
      this.regex = regex;
    }

    static String of(String regex) {
      try {
        return new PatternExample(regex).sequence();
      } catch (RuntimeException e) {
        return "walk";
      }
    }

    /** Atoms up to the end, a '|' or a ')': the first alternative is taken. */
    private String sequence() {
      StringBuilder out = new StringBuilder();
      while (at < regex.length() && regex.charAt(at) != ')' && regex.charAt(at) != '|') {
        String atom = atom();
        int times = quantifier();
        out.append(atom.repeat(times));
      }
      if (at < regex.length() && regex.charAt(at) == '|') {
        int depth = 0;
        while (at < regex.length() && !(depth == 0 && regex.charAt(at) == ')')) {
          char c = regex.charAt(at);
          depth += c == '(' ? 1 : c == ')' ? -1 : 0;
          at += c == '\\' ? 2 : 1;
        }
      }
      return out.toString();
    }

    private String atom() {
      char c = regex.charAt(at++);
      switch (c) {
        case '^':
        case '$':
          return "";
        case '(':
          if (regex.startsWith("?:", at)) {
            at += 2;
          }
          String inner = sequence();
          at++; // ')'
          return inner;
        case '[':
          return charClass();
        case '\\':
          char e = regex.charAt(at++);
          return switch (e) {
            case 'd' -> "1";
            case 'S', 'w' -> "a";
            case 's' -> " ";
            default -> String.valueOf(e);
          };
        case '.':
          return "a";
        default:
          return String.valueOf(c);
      }
    }

    private String charClass() {
      boolean negated = regex.charAt(at) == '^';
      if (negated) {
        at++;
      }
      String first = null;
      while (regex.charAt(at) != ']') {
        char c = regex.charAt(at++);
        if (c == '\\') {
          c = regex.charAt(at++);
          c = c == 'd' ? '1' : c == 'w' ? 'a' : c;
        }
        if (first == null) {
          first = String.valueOf(c);
        }
        if (regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
          at += 2;
        }
      }
      at++; // ']'
      return negated || first == null ? "a" : first;
    }

    private int quantifier() {
      if (at >= regex.length()) {
        return 1;
      }
      char c = regex.charAt(at);
      if (c == '?' || c == '*') {
        at++;
        return 0;
      }
      if (c == '+') {
        at++;
        return 1;
      }
      if (c == '{') {
        int close = regex.indexOf('}', at);
        String range = regex.substring(at + 1, close);
        at = close + 1;
        return Integer.parseInt(range.split(",")[0].trim());
      }
      return 1;
    }
  }
}
