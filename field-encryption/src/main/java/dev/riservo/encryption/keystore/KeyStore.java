package dev.riservo.encryption.keystore;

import dev.riservo.encryption.crypto.SealedField.KeyRef;
import dev.riservo.encryption.signing.ReceiptSigner;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.crypto.SecretKey;

/**
 * Where data keys, index keys and the signing key live. Blocking: callers keep it off the event
 * loop ({@link dev.riservo.encryption.FieldEncryption} caches keys so that hot paths do not call
 * it).
 */
public interface KeyStore extends AutoCloseable {

  /** A subject's data key, unwrapped. */
  record DataKey(KeyRef ref, String subjectRef, SecretKey secret) {}

  /** One version of the blind-index key, unwrapped. */
  record IndexKey(int version, byte[] secret) {}

  /** What a re-wrap did: rows examined, rows upgraded to the current wrapping key. */
  record RewrapReport(long examined, long rewrapped) {}

  /** The subject's data key, created on first use. Refused for a shredded subject. */
  DataKey currentDataKey(String subjectRef);

  /**
   * The data key of a subject the caller has just created (no key can exist yet): made without
   * looking for one first. A key that does exist after all is answered, as by {@link
   * #currentDataKey}.
   */
  default DataKey newDataKey(String subjectRef) {
    return currentDataKey(subjectRef);
  }

  /** The data key a stored value names. Unknown keys are reported as tampering. */
  DataKey dataKey(KeyRef ref);

  /**
   * The live data keys of those of {@code subjectRefs} that have one (shredded and unknown subjects
   * are left out; no key is made), for reading many subjects' fields at once (an export): one round
   * trip.
   */
  List<DataKey> liveDataKeys(Collection<String> subjectRefs);

  /** Destroys the subject's data key; idempotent. Answers true if a key was destroyed now. */
  boolean shred(String subjectRef);

  /**
   * {@link #shred} for many subjects in one key-store transaction (a replay of the shred ledger);
   * answers how many live keys it destroyed.
   */
  int shredAll(Collection<String> subjectRefs);

  /**
   * Of {@code subjectRefs}, those this key store holds no tombstone for (a live key, or none at
   * all): after a restore from an older backup, erased subjects that must be shredded again.
   */
  List<String> notShreddedAmong(Collection<String> subjectRefs);

  /**
   * Subjects whose live data key was created in [{@code from}, {@code to}), oldest first: the
   * candidates of a sweep for keys whose subject was never committed.
   */
  List<String> subjectsWithKeysCreatedBetween(Instant from, Instant to);

  /**
   * Deletes the subject's live data key outright, leaving no tombstone: for a subject that was
   * never committed (nothing was sealed under the key). A tombstone is never deleted. Every replica
   * hears of it as of a shred. Answers true if a key was deleted.
   */
  boolean discardUnusedKey(String subjectRef);

  /**
   * True when no destroyed key (shredded or discarded) is left in the key database's files: the key
   * table was rewritten after the last one. Destroyed keys are taken off the disk a while after
   * they are destroyed, once per burst.
   */
  boolean shredsCompleteOnDisk();

  /**
   * Takes destroyed keys off the disk now (blocking; a rewrite of the key table) and answers {@link
   * #shredsCompleteOnDisk}: false while another replica rewrites it or a transaction older than the
   * last shred is still running on the database server (a later rewrite then completes it).
   */
  boolean completeShredsNow();

  /** Every version of the blind-index key, oldest first; the first call creates version 1. */
  List<IndexKey> indexKeys();

  /** Adds a new version of the blind-index key, which indexes new values from then on. */
  IndexKey rotateIndexKey();

  /** Re-wraps every stored key under the current wrapping key, reporting rows done as it goes. */
  RewrapReport rewrap(LongConsumer progress);

  /** The receipt signer held by this key store. */
  ReceiptSigner signer();

  /** Calls {@code listener} with the subject reference of every shred, from any replica. */
  void onShred(Consumer<String> listener);

  /** Fails with a {@link dev.riservo.encryption.KeyStoreConfigurationException} if unusable. */
  void check();

  @Override
  void close();
}
