package dev.riservo.consent.consents.domain;

/**
 * The identifier of a call recording, as evidence of a consent, withdrawal, objection or call. It
 * is kept in clear beside the record, so it must not be able to hold a name (issue 14, item 6):
 * only the opaque forms recording systems use are accepted, a number (digits, with . _ : - between
 * them: "20261120-000123"), a UUID, or a hex string of 16 to 64 characters (a hash or a vendor's
 * call id). A path or a name ("mario.rossi.wav") is refused with a 400.
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
