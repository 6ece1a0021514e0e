package dev.riservo.encryption;

/** The key store is misconfigured; the message says which setting to fix. Thrown at start-up. */
public class KeyStoreConfigurationException extends RuntimeException {

  public KeyStoreConfigurationException(String message) {
    super(message);
  }

  public KeyStoreConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
