package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes every service's ObjectMapper strict about what it reads: a key repeated inside one object
 * is an error (JSON leaves it undefined, and two readers of one document must not see two different
 * requests), so is anything after the document, and the value checks of {@link InputChecksModule}
 * apply. The mappers answer each with a 400 problem document.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    // content after the document ("{...} x", or a second document) is refused, for the same
    // reason: a reader that stops at the first document and one that does not disagree
    mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    mapper.registerModule(new InputChecksModule());
  }
}
