package dev.riservo.problem;

import java.util.List;

/**
 * Thrown by service code for every expected failure that a caller must see as a problem document.
 * The detail must never contain personal data: name the field, not its value.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<Problem.FieldError> errors;

  public ProblemException(
      int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** 400: the request is malformed for the named field. */
  public static ProblemException badRequest(String field, String message) {
    return new ProblemException(
        400,
        "validation",
        "Request is not valid",
        "Field '" + field + "' " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  /** 422: the request is well formed but breaks a rule, for the named field. */
  public static ProblemException unprocessable(String slug, String field, String message) {
    return new ProblemException(
        422,
        slug,
        "Request breaks a rule",
        "Field '" + field + "' " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  /** 404: nothing is there, or the caller may not know that something is. */
  public static ProblemException notFound(String what) {
    return new ProblemException(404, "not-found", "Not found", what + " was not found", List.of());
  }

  /** 409: the request conflicts with the current state. */
  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(409, slug, "Conflict", detail, List.of());
  }

  /** 503: a dependency this request needs is down; the caller may retry later. */
  public static ProblemException unavailable(String dependency) {
    return new ProblemException(
        503,
        "dependency-unavailable",
        "Service unavailable",
        dependency + " is not reachable; try again later",
        List.of());
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
