package dev.riservo.notice.refusal.domain;

import java.util.List;

/**
 * A request the service will not carry out, as services and domain rules say it: what kind of
 * refusal, a stable slug and the fields concerned. The REST layer turns it into a problem document
 * (RefusalMapper); nothing here knows HTTP.
 */
public class Refusal extends RuntimeException {

  /** Why: each kind has one status code in the API. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    BREAKS_A_RULE
  }

  /** A field concerned and what is wrong with it (never the value sent). */
  public record FieldIssue(String field, String message) {}

  private final Kind kind;
  private final String slug;
  private final List<FieldIssue> issues;

  public Refusal(Kind kind, String slug, String detail, List<FieldIssue> issues) {
    super(detail, null, false, false);
    this.kind = kind;
    this.slug = slug;
    this.issues = List.copyOf(issues);
  }

  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, "not-found", what + " was not found", List.of());
  }

  public static Refusal conflict(String slug, String detail) {
    return new Refusal(Kind.CONFLICT, slug, detail, List.of());
  }

  public static Refusal invalid(String field, String message) {
    return new Refusal(
        Kind.INVALID,
        "validation",
        "Field '" + field + "' " + message,
        List.of(new FieldIssue(field, message)));
  }

  public static Refusal breaksARule(String slug, String field, String message) {
    return new Refusal(
        Kind.BREAKS_A_RULE,
        slug,
        "Field '" + field + "' " + message,
        List.of(new FieldIssue(field, message)));
  }

  public Kind kind() {
    return kind;
  }

  public String slug() {
    return slug;
  }

  public List<FieldIssue> issues() {
    return issues;
  }
}
