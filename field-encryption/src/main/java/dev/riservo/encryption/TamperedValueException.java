package dev.riservo.encryption;

/**
 * A stored value is not what was written for this subject and field: a changed byte, a value moved
 * from another row or column, or a key reference that does not exist.
 */
public class TamperedValueException extends FieldDecryptionException {

  public TamperedValueException(String message) {
    super(message, null);
  }

  public TamperedValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
