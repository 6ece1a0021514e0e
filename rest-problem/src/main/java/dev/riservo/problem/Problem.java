package dev.riservo.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} is the Riservo extension member that names each
 * offending field. No member ever carries the value that was sent: it may be personal data.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  /** Media type of every error answer. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Prefix of every problem type URI; the suffix is a stable slug such as {@code validation}. */
  public static final String TYPE_PREFIX = "https://riservo.dev/problems/";

  /** One invalid field: where it is (a dotted path into the request) and what is wrong with it. */
  public record FieldError(String field, String message) {}
}
