package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What went wrong reading a JSON body, as a 400 problem: which field, and what is wrong with it,
 * never the value. A name the caller chose (a map key, a repeated key) is only repeated when it
 * looks like a field name; anything else is shown as {@code *}.
 */
final class JsonFailures {

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
  private static final String TITLE = "Request body is not valid";

  private JsonFailures() {}

  /** The problem for a failure Jackson raised while reading a request body. */
  static Problem describe(Throwable failure, String instance) {
    JsonParseException parse = causeOf(failure, JsonParseException.class);
    if (parse != null) {
      return unparsable(parse, instance);
    }
    JsonMappingException mapping = causeOf(failure, JsonMappingException.class);
    String field = mapping == null ? "" : mappingPath(mapping.getPath());
    if (field.isEmpty()) {
      return problem(
          "malformed-body", "The request body does not have the expected shape", null, instance);
    }
    RefusedJsonValue refused = causeOf(failure, RefusedJsonValue.class);
    if (refused != null) {
      // well-formed, but a value no service accepts: a field that is not valid, like any other
      return new Problem(
          Problem.TYPE_PREFIX + "validation",
          "Request is not valid",
          400,
          "Field '" + field + "' " + refused.reason(),
          instance,
          List.of(new Problem.FieldError(field, refused.reason())));
    }
    String reason = "has the wrong type or format";
    return problem(
        "malformed-body",
        "Field '" + field + "' " + reason,
        new Problem.FieldError(field, reason),
        instance);
  }

  /** Whether the failure is, at bottom, JSON the parser could not read. */
  static boolean isUnparsable(Throwable failure) {
    return causeOf(failure, JsonParseException.class) != null;
  }

  private static Problem unparsable(JsonParseException e, String instance) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("Duplicate field")) {
      String field = e.getProcessor() == null ? "" : contextPath(e.getProcessor());
      if (field.isEmpty()) {
        return problem(
            "duplicate-key", "The request body repeats a key inside one object", null, instance);
      }
      String reason = "is repeated inside its object";
      return problem(
          "duplicate-key",
          "Field '" + field + "' " + reason,
          new Problem.FieldError(field, reason),
          instance);
    }
    if (message.startsWith("Invalid UTF-8")) {
      return problem("malformed-body", "The request body is not valid UTF-8", null, instance);
    }
    return problem("malformed-body", "The request body is not well-formed JSON", null, instance);
  }

  private static Problem problem(
      String slug, String detail, Problem.FieldError error, String instance) {
    return new Problem(
        Problem.TYPE_PREFIX + slug,
        TITLE,
        400,
        detail,
        instance,
        error == null ? List.of() : List.of(error));
  }

  private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** {@code lines[0].code} from the parser's position (the key it just read). */
  private static String contextPath(JsonParser parser) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = parser.getParsingContext();
        c != null && !c.inRoot();
        c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      }
    }
    return join(parts);
  }

  private static String mappingPath(List<JsonMappingException.Reference> path) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        parts.add(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        parts.add("[" + ref.getIndex() + "]");
      }
    }
    return join(parts);
  }

  private static String join(Iterable<String> parts) {
    StringBuilder field = new StringBuilder();
    for (String part : parts) {
      if (part.startsWith("[")) {
        field.append(part);
        continue;
      }
      if (field.length() > 0) {
        field.append('.');
      }
      field.append(FIELD_NAME.matcher(part).matches() ? part : "*");
    }
    return field.toString();
  }
}
