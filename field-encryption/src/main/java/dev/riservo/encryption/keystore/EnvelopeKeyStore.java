package dev.riservo.encryption.keystore;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.riservo.encryption.SubjectKeyShreddedException;
import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.AesGcm;
import dev.riservo.encryption.crypto.SealedField.KeyRef;
import dev.riservo.encryption.signing.ReceiptSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Envelope encryption over the key database: every key is stored wrapped by a {@link KeyWrapper}
 * (the local master key, or Vault's transit engine) and unwrapped only in memory. Both backends are
 * this class with a different wrapper and signer, so they share one behaviour and one contract.
 */
public final class EnvelopeKeyStore implements KeyStore {

  private static final TimeBasedEpochGenerator KEY_IDS = Generators.timeBasedEpochGenerator();

  /** Data keys do not rotate per subject (the wrapping key does); all are version 1. */
  static final int DATA_KEY_VERSION = 1;

  private static final int REWRAP_BATCH = 500;
  private static final List<String> WRAPPED_TABLES =
      List.of("data_key", "index_key", "signing_key");

  private final KeyDatabase database;
  private final KeyWrapper wrapper;
  private final ReceiptSigner signer;
  private final Runnable signerCheck;
  private final ShredVacuum vacuum;

  /** How long after a key is destroyed the key table is rewritten, by default. */
  public static final Duration DEFAULT_SHRED_VACUUM_DELAY = Duration.ofMinutes(1);

  public EnvelopeKeyStore(
      KeyDatabase database, KeyWrapper wrapper, ReceiptSigner signer, Runnable signerCheck) {
    this(database, wrapper, signer, signerCheck, DEFAULT_SHRED_VACUUM_DELAY);
  }

  /** With {@code vacuumDelay}: how long after a key is destroyed the key table is rewritten. */
  public EnvelopeKeyStore(
      KeyDatabase database,
      KeyWrapper wrapper,
      ReceiptSigner signer,
      Runnable signerCheck,
      Duration vacuumDelay) {
    this.database = database;
    this.wrapper = wrapper;
    this.signer = signer;
    this.signerCheck = signerCheck;
    this.vacuum = new ShredVacuum(database.dataSource(), vacuumDelay);
  }

  @Override
  public DataKey currentDataKey(String subjectRef) {
    Optional<KeyDatabase.DataKeyRow> existing = database.dataKeyOfSubject(subjectRef);
    if (existing.isPresent()) {
      return unwrap(existing.get());
    }
    return newDataKey(subjectRef);
  }

  /** Creates the key straight away (one statement); a key already there is answered instead. */
  @Override
  public DataKey newDataKey(String subjectRef) {
    // time-ordered (UUID v7): new keys append to the key table's index instead of landing at random
    UUID keyId = KEY_IDS.generate();
    KeyWrapper.Generated generated = wrapper.generate(dataKeyContext(keyId));
    KeyDatabase.DataKeyRow row =
        database.insertDataKey(keyId, subjectRef, DATA_KEY_VERSION, generated.wrapped());
    if (row.keyId().equals(keyId)) {
      // Ours won: the plaintext is already in hand, no unwrap round trip.
      return new DataKey(
          new KeyRef(keyId, DATA_KEY_VERSION), subjectRef, AesGcm.key(generated.plaintext()));
    }
    return unwrap(row);
  }

  @Override
  public DataKey dataKey(KeyRef ref) {
    KeyDatabase.DataKeyRow row =
        database
            .dataKey(ref.keyId())
            .orElseThrow(() -> new TamperedValueException("the stored value names no known key"));
    if (row.version() != ref.version() && !row.shredded()) {
      throw new TamperedValueException("the stored value names a key version that does not exist");
    }
    return unwrap(row);
  }

  @Override
  public List<DataKey> liveDataKeys(Collection<String> subjectRefs) {
    if (subjectRefs.isEmpty()) {
      return List.of();
    }
    return database.dataKeysOfSubjects(subjectRefs).stream()
        .filter(row -> !row.shredded())
        .map(this::unwrap)
        .toList();
  }

  private DataKey unwrap(KeyDatabase.DataKeyRow row) {
    if (row.shredded()) {
      throw new SubjectKeyShreddedException(row.subjectRef());
    }
    byte[] raw = wrapper.unwrap(row.wrapped(), dataKeyContext(row.keyId()));
    return new DataKey(new KeyRef(row.keyId(), row.version()), row.subjectRef(), AesGcm.key(raw));
  }

  @Override
  public boolean shred(String subjectRef) {
    boolean destroyed = database.shred(subjectRef);
    if (destroyed) {
      vacuum.request();
    }
    return destroyed;
  }

  @Override
  public int shredAll(Collection<String> subjectRefs) {
    int destroyed = database.shredAll(subjectRefs);
    if (destroyed > 0) {
      vacuum.request();
    }
    return destroyed;
  }

  @Override
  public List<String> notShreddedAmong(Collection<String> subjectRefs) {
    return subjectRefs.isEmpty() ? List.of() : database.notShreddedAmong(subjectRefs);
  }

  @Override
  public List<String> subjectsWithKeysCreatedBetween(Instant from, Instant to) {
    return database.subjectsWithKeysCreatedBetween(from, to);
  }

  @Override
  public boolean discardUnusedKey(String subjectRef) {
    boolean discarded = database.discardUnused(subjectRef);
    if (discarded) {
      vacuum.request();
    }
    return discarded;
  }

  @Override
  public boolean shredsCompleteOnDisk() {
    return !vacuum.pending();
  }

  @Override
  public boolean completeShredsNow() {
    ShredVacuum.Outcome outcome = vacuum.completeNow();
    if (outcome != ShredVacuum.Outcome.REWRITTEN
        && outcome != ShredVacuum.Outcome.NOTHING_PENDING) {
      vacuum.request(); // try again after the delay
    }
    return !vacuum.pending();
  }

  @Override
  public List<IndexKey> indexKeys() {
    List<KeyDatabase.WrappedRow> rows = database.indexKeys();
    if (rows.isEmpty()) {
      addIndexKey(1);
      rows = database.indexKeys();
    }
    List<IndexKey> keys = new ArrayList<>(rows.size());
    for (KeyDatabase.WrappedRow row : rows) {
      keys.add(
          new IndexKey(
              Integer.parseInt(row.id()),
              wrapper.unwrap(row.wrapped(), indexKeyContext(row.id()))));
    }
    return keys;
  }

  @Override
  public IndexKey rotateIndexKey() {
    List<IndexKey> keys = indexKeys();
    int next = keys.get(keys.size() - 1).version() + 1;
    addIndexKey(next);
    return indexKeys().get(indexKeys().size() - 1);
  }

  private void addIndexKey(int version) {
    KeyWrapper.Generated generated = wrapper.generate(indexKeyContext(Integer.toString(version)));
    database.insertIndexKey(version, generated.wrapped());
  }

  @Override
  public RewrapReport rewrap(LongConsumer progress) {
    long examined = 0;
    long rewrapped = 0;
    for (String table : WRAPPED_TABLES) {
      String after = "";
      while (true) {
        List<KeyDatabase.WrappedRow> page = database.wrappedPage(table, after, REWRAP_BATCH);
        for (KeyDatabase.WrappedRow row : page) {
          examined++;
          if (!wrapper.isCurrent(row.wrapped())) {
            byte[] upgraded = wrapper.rewrap(row.wrapped(), context(row));
            if (database.replaceWrapped(row, upgraded)) {
              rewrapped++;
            }
          }
          progress.accept(examined);
        }
        if (page.size() < REWRAP_BATCH) {
          break;
        }
        after = page.get(page.size() - 1).id();
      }
    }
    return new RewrapReport(examined, rewrapped);
  }

  @Override
  public ReceiptSigner signer() {
    return signer;
  }

  @Override
  public void onShred(Consumer<String> listener) {
    database.onShred(listener);
  }

  @Override
  public void check() {
    wrapper.check();
    database.check();
    signerCheck.run();
    if (vacuum.pending()) {
      vacuum.request(); // keys destroyed before a restart, or before this schema version
    }
  }

  @Override
  public void close() {
    vacuum.close();
    database.close();
  }

  static String dataKeyContext(UUID keyId) {
    return "data-key:" + keyId;
  }

  static String indexKeyContext(String version) {
    return "index-key:" + version;
  }

  static String signingKeyContext(String kid) {
    return "signing-key:" + kid;
  }

  private static String context(KeyDatabase.WrappedRow row) {
    return switch (row.table()) {
      case "data_key" -> dataKeyContext(UUID.fromString(row.id()));
      case "index_key" -> indexKeyContext(row.id());
      default -> signingKeyContext(row.id());
    };
  }
}
