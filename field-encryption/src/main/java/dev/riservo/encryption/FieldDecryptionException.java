package dev.riservo.encryption;

/** A stored value could not be decrypted. Messages never contain the value or any plaintext. */
public abstract class FieldDecryptionException extends RuntimeException {

  protected FieldDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
