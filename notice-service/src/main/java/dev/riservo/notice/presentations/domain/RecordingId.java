package dev.riservo.notice.presentations.domain;

/**
 * The identifier of a call recording, as evidence of a presentation (as consent-service's). It is
 * kept in clear beside the record, so it must not be able to hold a name: only the opaque forms
 * recording systems use are accepted, a number (digits, with . _ : - between them), a UUID, or 16
 * to 64 hex digits. A path or a name is refused with a 400. The table holds the same rule.
 */
public final class RecordingId {

  /** The accepted forms, for bean validation's {@code @Pattern}. */
  public static final String PATTERN =
      "^(?:[0-9][0-9._:-]{0,63}"
          + "|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
          + "|[0-9A-Fa-f]{16,64})$";

  /** What a refusal says. */
  public static final String MESSAGE =
      "must be a recording system's opaque id: digits (with . _ : - between them), a UUID, or 16"
          + " to 64 hex digits; never a name or a path";

  private RecordingId() {}
}
