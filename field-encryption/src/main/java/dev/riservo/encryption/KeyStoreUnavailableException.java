package dev.riservo.encryption;

/** The key store did not answer (database down, Vault unreachable); the caller may retry later. */
public class KeyStoreUnavailableException extends RuntimeException {

  public KeyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
