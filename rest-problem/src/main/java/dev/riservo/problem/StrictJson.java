package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes every service's ObjectMapper strict about what it reads: a key repeated inside one object
 * is an error (JSON leaves it undefined, and two readers of one document must not see two different
 * requests), so is anything after the document, and so is a number or a boolean where a text is
 * expected ({@code "code": 42}: Jackson would make it the text "42"; the API says text, and a
 * client that sends a number has a bug that should show), and text, a decimal or a number where a
 * whole number or a boolean is expected. The value checks of {@link InputChecksModule} apply too.
 * The mappers answer each with a 400 problem document naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    // content after the document ("{...} x", or a second document) is refused, for the same
    // reason: a reader that stops at the first document and one that does not disagree
    mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // and the other way round: a number or a boolean sent as text ("5", "true"), a decimal where
    // a whole number is expected (5.7 would be read as 5), or a number for a boolean
    mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper
          .coercionConfigFor(number)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper.registerModule(new InputChecksModule());
  }
}
