package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value that parsed but that no Riservo service accepts (U+0000 in a text, a date out of
 * {@link DateBounds}). Jackson adds the field's path as the exception travels up; the mappers
 * answer 400 with the field and {@link #reason()}, never the value.
 */
final class RefusedJsonValue extends JsonMappingException {

  private final String reason;

  RefusedJsonValue(JsonParser parser, String reason) {
    super(parser, reason);
    this.reason = reason;
  }

  /** What is wrong with the value, fit to follow the field's name. */
  String reason() {
    return reason;
  }

  /** The reason for U+0000 anywhere in a text. */
  static final String NUL = "contains the character U+0000, which is not accepted";

  /** The reason for a date sent as a number or a list. */
  static final String DATE_NOT_TEXT =
      "must be a text in ISO-8601 form (such as 2026-12-06 or 2026-12-06T10:15:30Z)";

  static final String LONE_SURROGATE =
      "contains a lone UTF-16 surrogate (\\ud800-\\udfff without its pair), which is no character";
}
