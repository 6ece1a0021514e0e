package dev.riservo.encryption;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.riservo.encryption.crypto.BlindIndexer;
import dev.riservo.encryption.crypto.SealedField;
import dev.riservo.encryption.crypto.SealedField.KeyRef;
import dev.riservo.encryption.identifiers.Identifiers;
import dev.riservo.encryption.keystore.KeyStore;
import dev.riservo.encryption.keystore.KeyStore.DataKey;
import dev.riservo.encryption.ledger.ShredLedger;
import dev.riservo.encryption.signing.Jws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * What a service uses for personal data: encrypt a field for a subject, decrypt it, compute blind
 * indexes of phone numbers and e-mails, shred a subject, sign receipts.
 *
 * <p>Unwrapped keys are cached in memory (bounded, with a TTL), so a warm call makes no key-store
 * round trip; a cold one makes exactly one per subject per cache lifetime. A cold call blocks on
 * the key store: on an event loop, check {@link #isWarm} first or run the call on a worker.
 */
public final class FieldEncryption implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(FieldEncryption.class);

  /**
   * @param defaultRegion region of phone numbers written without a country code (ISO 3166, e.g. IT)
   * @param maxCachedKeys bound of each key cache (entries)
   * @param keyTtl how long an unwrapped key stays in memory
   */
  public record Settings(String defaultRegion, long maxCachedKeys, Duration keyTtl) {

    public static Settings defaults() {
      return new Settings("IT", 100_000, Duration.ofMinutes(10));
    }
  }

  private final KeyStore keyStore;
  private final ShredLedger ledger;
  private volatile boolean ledgerReplayed;
  private final Identifiers identifiers;
  private final Duration keyTtl;
  private final Ticker ticker;
  private final Cache<String, DataKey> currentKeys;
  private final Cache<KeyRef, DataKey> keysByRef;
  private volatile IndexKeys indexKeys;
  private final AtomicBoolean reloading = new AtomicBoolean();

  private record IndexKeys(List<BlindIndexer> all, long loadedAt) {
    BlindIndexer current() {
      return all.get(all.size() - 1);
    }
  }

  /** Without a shred ledger. */
  public FieldEncryption(KeyStore keyStore, Settings settings) {
    this(keyStore, settings, null, Ticker.systemTicker());
  }

  /**
   * With a shred ledger in the service's database ({@code null}: none). Until {@link
   * #replayShredLedger} has run once, no data key is loaded from the key store (a key database
   * restored from an older backup may still hold erased subjects' keys).
   */
  public FieldEncryption(KeyStore keyStore, Settings settings, ShredLedger ledger) {
    this(keyStore, settings, ledger, Ticker.systemTicker());
  }

  /** With an explicit clock for the caches' TTL (tests). */
  public FieldEncryption(KeyStore keyStore, Settings settings, Ticker ticker) {
    this(keyStore, settings, null, ticker);
  }

  private FieldEncryption(KeyStore keyStore, Settings settings, ShredLedger ledger, Ticker ticker) {
    this.keyStore = keyStore;
    this.ledger = ledger;
    this.ledgerReplayed = ledger == null;
    this.identifiers = new Identifiers(settings.defaultRegion());
    this.keyTtl = settings.keyTtl();
    this.ticker = ticker;
    this.currentKeys = cache(settings, ticker);
    this.keysByRef = cache(settings, ticker);
    keyStore.onShred(this::evict);
  }

  private static <K> Cache<K, DataKey> cache(Settings settings, Ticker ticker) {
    return Caffeine.newBuilder()
        .maximumSize(settings.maxCachedKeys())
        .expireAfterWrite(settings.keyTtl())
        .ticker(ticker)
        .build();
  }

  /**
   * Makes the data key of a subject just created (one key-store statement, no lookup first) and
   * keeps it in memory, so the subject's first fields are sealed without a key-store round trip.
   */
  public void registerNewSubject(String subjectRef) {
    currentKeys.get(
        subjectRef,
        ref -> {
          requireLedgerReplayed();
          DataKey key = keyStore.newDataKey(ref);
          keysByRef.put(key.ref(), key);
          return key;
        });
  }

  /** The stored form of {@code plaintext}, bound to this subject and field name. */
  public String encrypt(String subjectRef, String field, String plaintext) {
    DataKey key = currentKeys.get(subjectRef, this::loadCurrent);
    if (key.secret() == null) {
      throw new SubjectKeyShreddedException(subjectRef);
    }
    return SealedField.seal(key.ref(), key.secret(), subjectRef, field, plaintext);
  }

  /**
   * The plaintext of a stored value. Throws {@link SubjectKeyShreddedException} after erasure and
   * {@link TamperedValueException} for a changed, moved or misattributed value.
   */
  public String decrypt(String subjectRef, String field, String stored) {
    SealedField.Parsed parsed = SealedField.parse(stored);
    DataKey key = keysByRef.get(parsed.key(), this::loadByRef);
    if (!key.subjectRef().equals(subjectRef)) {
      throw new TamperedValueException("the stored value belongs to another subject");
    }
    if (key.secret() == null) {
      throw new SubjectKeyShreddedException(subjectRef);
    }
    return parsed.open(key.secret(), subjectRef, field);
  }

  /** Loads many subjects' keys in one key-store read (exports); erased ones are left out. */
  public void warm(Collection<String> subjectRefs) {
    List<String> cold = subjectRefs.stream().filter(ref -> !isWarm(ref)).distinct().toList();
    if (cold.isEmpty()) {
      return;
    }
    requireLedgerReplayed();
    for (DataKey key : keyStore.liveDataKeys(cold)) {
      currentKeys.put(key.subjectRef(), key);
      keysByRef.put(key.ref(), key);
    }
  }

  /** True if the subject's key is in memory, so {@link #encrypt} will not block. */
  public boolean isWarm(String subjectRef) {
    return currentKeys.getIfPresent(subjectRef) != null;
  }

  /** True if the key of {@code stored} is in memory, so {@link #decrypt} will not block. */
  public boolean isWarmFor(String stored) {
    return keysByRef.getIfPresent(SealedField.parse(stored).key()) != null;
  }

  private DataKey loadCurrent(String subjectRef) {
    requireLedgerReplayed();
    DataKey key;
    try {
      key = keyStore.currentDataKey(subjectRef);
    } catch (SubjectKeyShreddedException e) {
      return new DataKey(null, subjectRef, null);
    }
    keysByRef.put(key.ref(), key);
    return key;
  }

  private DataKey loadByRef(KeyRef ref) {
    requireLedgerReplayed();
    try {
      return keyStore.dataKey(ref);
    } catch (SubjectKeyShreddedException e) {
      return new DataKey(ref, e.subjectRef(), null);
    }
  }

  /**
   * Crypto-shredding: records the subject in the shred ledger (if there is one) first, then
   * destroys the subject's key in the key store, here and in every replica's cache. Answers true if
   * a live key was destroyed now. The key's old row version leaves the key database's files a while
   * later ({@link #shredsCompleteOnDisk}).
   */
  public boolean shred(String subjectRef) {
    if (ledger != null) {
      ledger.record(subjectRef);
    }
    boolean destroyed = keyStore.shred(subjectRef);
    evict(subjectRef);
    return destroyed;
  }

  /**
   * Shreds again every ledgered subject whose key the key store holds without a tombstone (a key
   * database restored from a backup older than their erasure); then lets data keys be loaded.
   * Blocking; run at start-up before the service is ready. Logs counts only.
   */
  public ShredLedger.ReplayReport replayShredLedger() {
    if (ledger == null) {
      return new ShredLedger.ReplayReport(0, 0);
    }
    ShredLedger.ReplayReport report = ledger.replay(keyStore, this::evict);
    ledgerReplayed = true;
    return report;
  }

  /** True once the shred ledger was replayed (or there is none): data keys may be loaded. */
  public boolean shredLedgerReplayed() {
    return ledgerReplayed;
  }

  private void requireLedgerReplayed() {
    if (!ledgerReplayed) {
      throw new KeyStoreUnavailableException(
          "erasures are being re-applied from the shred ledger; retry shortly", null);
    }
  }

  /** True when no destroyed key is left in the key database's files (see {@link #shred}). */
  public boolean shredsCompleteOnDisk() {
    return keyStore.shredsCompleteOnDisk();
  }

  /**
   * Takes destroyed keys off the key database's disk now (blocking: rewrites the key table);
   * answers {@link #shredsCompleteOnDisk} (false while an older transaction holds them).
   */
  public boolean completeShredsNow() {
    return keyStore.completeShredsNow();
  }

  /**
   * Subjects whose live data key was created in [{@code from}, {@code to}), oldest first. A sweep
   * discards those its own database has no subject for ({@link #discardUnusedKey}); keep {@code to}
   * well before now (longer than any request that creates a subject can take).
   */
  public List<String> subjectsWithKeysCreatedBetween(Instant from, Instant to) {
    return keyStore.subjectsWithKeysCreatedBetween(from, to);
  }

  /**
   * Deletes the data key of a subject that was never committed (no tombstone, no ledger entry) and
   * evicts it here and in every replica. Never call it for a subject that exists: its data would
   * become unreadable. A shredded subject's tombstone is never deleted. Answers true if deleted.
   */
  public boolean discardUnusedKey(String subjectRef) {
    boolean discarded = keyStore.discardUnusedKey(subjectRef);
    evict(subjectRef);
    return discarded;
  }

  private void evict(String subjectRef) {
    currentKeys.invalidate(subjectRef);
    keysByRef.asMap().values().removeIf(key -> key.subjectRef().equals(subjectRef));
  }

  /** The identifier normaliser (E.164 phone numbers, lower-case e-mails). */
  public Identifiers identifiers() {
    return identifiers;
  }

  /**
   * Blind index of a phone number under the current index key. The number is normalised for a
   * lookup ({@link Identifiers#phoneForLookup}); validate numbers you store with {@link
   * Identifiers#phone} first.
   */
  public String phoneIndex(String rawPhone) {
    return indexKeys().current().index("phone", identifiers.phoneForLookup(rawPhone));
  }

  /**
   * Blind indexes of a phone number under every index key version (lookups during rotation), the
   * oldest first and the current one last.
   */
  public List<String> phoneIndexes(String rawPhone) {
    return indexes("phone", identifiers.phoneForLookup(rawPhone));
  }

  /** Blind index of an e-mail address under the current index key. */
  public String emailIndex(String rawEmail) {
    return indexKeys().current().index("email", identifiers.email(rawEmail));
  }

  public List<String> emailIndexes(String rawEmail) {
    return indexes("email", identifiers.email(rawEmail));
  }

  /** Blind index of an already normalised value of any kind (e.g. a customer id). */
  public String index(String kind, String normalised) {
    return indexKeys().current().index(kind, normalised);
  }

  /**
   * Blind indexes of an already normalised value under every index key version, the current one
   * last (lookups during rotation).
   */
  public List<String> indexes(String kind, String normalised) {
    List<String> indexes = new ArrayList<>();
    for (BlindIndexer indexer : indexKeys().all()) {
      indexes.add(indexer.index(kind, normalised));
    }
    return indexes;
  }

  /**
   * The index keys in memory. Only the very first load blocks (start-up's {@link #check} does it);
   * after the TTL they are re-read in the background while the current ones keep serving, so a
   * blind index never waits on the key store.
   */
  private IndexKeys indexKeys() {
    IndexKeys keys = indexKeys;
    if (keys == null) {
      reloadIndexKeys();
      return indexKeys;
    }
    if (ticker.read() - keys.loadedAt() > keyTtl.toNanos()
        && reloading.compareAndSet(false, true)) {
      CompletableFuture.runAsync(
          () -> {
            try {
              reloadIndexKeys();
            } catch (RuntimeException e) {
              LOG.warnf("index keys not re-read (%s); the current ones stay", e.getMessage());
            } finally {
              reloading.set(false);
            }
          });
    }
    return keys;
  }

  /** Re-reads the index key versions (after a rotation); otherwise done once per key TTL. */
  public synchronized void reloadIndexKeys() {
    List<BlindIndexer> all = new ArrayList<>();
    for (KeyStore.IndexKey key : keyStore.indexKeys()) {
      all.add(new BlindIndexer(key.version(), key.secret()));
    }
    indexKeys = new IndexKeys(List.copyOf(all), ticker.read());
  }

  /** Adds an index key version; new indexes use it, lookups use {@link #phoneIndexes}. */
  public int rotateIndexKey() {
    int version = keyStore.rotateIndexKey().version();
    reloadIndexKeys();
    return version;
  }

  /** Upgrades every wrapped key to the current wrapping key, online; reports rows as it goes. */
  public KeyStore.RewrapReport rewrap(LongConsumer progress) {
    return keyStore.rewrap(progress);
  }

  /** {@code payloadJson} as a compact JWS (ES256) signed by the key store's signing key. */
  public String sign(String payloadJson, String type) {
    return Jws.sign(keyStore.signer(), payloadJson, type);
  }

  /** True if {@link #sign} runs in this process and never blocks (the local key store). */
  public boolean signsInProcess() {
    return keyStore.signer().inProcess();
  }

  /** The JWKS document of every receipt-signing public key. */
  public String jwks() {
    return Jws.jwks(keyStore.signer());
  }

  /**
   * Proves the key store usable (reachable, schema present, keys and token accepted) and the shred
   * ledger readable, and loads the index keys; throws {@link KeyStoreConfigurationException} naming
   * the setting to fix.
   */
  public void check() {
    keyStore.check();
    if (ledger != null) {
      ledger.check();
    }
    reloadIndexKeys();
  }

  @Override
  public void close() {
    keyStore.close();
  }
}
