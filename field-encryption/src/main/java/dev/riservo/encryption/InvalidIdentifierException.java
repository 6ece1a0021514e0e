package dev.riservo.encryption;

/** An identifier (phone number, e-mail) cannot be normalised. The message never quotes it. */
public class InvalidIdentifierException extends IllegalArgumentException {

  private final String kind;

  public InvalidIdentifierException(String kind, String reason) {
    super("not a valid " + kind + ": " + reason);
    this.kind = kind;
  }

  /** {@code phone} or {@code email}. */
  public String kind() {
    return kind;
  }
}
