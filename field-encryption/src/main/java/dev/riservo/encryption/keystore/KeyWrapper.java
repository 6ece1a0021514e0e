package dev.riservo.encryption.keystore;

/**
 * Wraps (encrypts) keys before they are stored: the local master key, or Vault's transit engine.
 * {@code context} names what is wrapped (e.g. {@code data-key:<id>}) and binds the wrapped form to
 * it where the backend supports associated data.
 */
public interface KeyWrapper {

  /** A fresh 256-bit key and its wrapped form. */
  record Generated(byte[] plaintext, byte[] wrapped) {}

  Generated generate(String context);

  byte[] wrap(byte[] plaintext, String context);

  byte[] unwrap(byte[] wrapped, String context);

  /** True if {@code wrapped} is already under the current wrapping key version. */
  boolean isCurrent(byte[] wrapped);

  /** The same key, wrapped under the current wrapping key version. */
  byte[] rewrap(byte[] wrapped, String context);

  /** Fails with a configuration exception naming the setting to fix. */
  void check();
}
