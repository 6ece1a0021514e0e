package dev.riservo.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.crypto.SealedField.KeyRef;
import dev.riservo.encryption.keystore.KeyStore;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.signing.ReceiptSigner;
import dev.riservo.encryption.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facade a service uses, over the local key store and a real key database. */
class FieldEncryptionTest {

  private DataSource keys;
  private CountingKeyStore store;
  private final AtomicLong now = new AtomicLong();
  private FieldEncryption encryption;

  @BeforeEach
  void open() {
    keys = TestDatabases.freshKeyDatabase("riservo_fe_facade_test");
    store = new CountingKeyStore(KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1));
    encryption =
        new FieldEncryption(
            store, new FieldEncryption.Settings("IT", 1000, Duration.ofMinutes(10)), now::get);
  }

  @AfterEach
  void close() {
    encryption.close();
  }

  @Test
  void aFieldRoundTripsForItsSubject() {
    String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    assertFalse(stored.contains("Mario"));
    assertEquals("Mario Rossi", encryption.decrypt("subj-1", "person.name", stored));
  }

  @Test
  void aValueCopiedToAnotherSubjectsRowOrAnotherColumnFails() {
    String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    encryption.encrypt("subj-2", "person.name", "Anna Bianchi");
    assertThrows(
        TamperedValueException.class, () -> encryption.decrypt("subj-2", "person.name", stored));
    assertThrows(
        TamperedValueException.class, () -> encryption.decrypt("subj-1", "person.email", stored));
  }

  @Test
  void aFlippedByteOrAWrongKeyVersionIsTampering() {
    String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    byte[] bytes = Base64.getUrlDecoder().decode(stored);
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 1] ^= 0x40;
    byte[] otherVersion = bytes.clone();
    otherVersion[20] = 7;
    for (byte[] tampered : List.of(flipped, otherVersion)) {
      String value = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
      assertThrows(
          TamperedValueException.class, () -> encryption.decrypt("subj-1", "person.name", value));
    }
  }

  @Test
  void oneKeyStoreRoundTripPerSubjectPerCacheLifetime() {
    for (int i = 0; i < 50; i++) {
      String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi " + i);
      encryption.decrypt("subj-1", "person.name", stored);
    }
    assertEquals(1, store.dataKeyCalls.get(), "one round trip for 50 writes and reads");
    assertTrue(encryption.isWarm("subj-1"));

    now.addAndGet(Duration.ofMinutes(11).toNanos());
    assertFalse(encryption.isWarm("subj-1"), "the key left memory after its TTL");
    encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    assertEquals(2, store.dataKeyCalls.get(), "a new cache lifetime costs one more round trip");
  }

  @Test
  void aColdReadOfAnotherReplicasValueCostsOneRoundTrip() {
    String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    try (FieldEncryption replica =
        new FieldEncryption(
            new CountingKeyStore(KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1)),
            FieldEncryption.Settings.defaults())) {
      assertFalse(replica.isWarmFor(stored));
      assertEquals("Mario Rossi", replica.decrypt("subj-1", "person.name", stored));
      assertTrue(replica.isWarmFor(stored));
    }
  }

  @Test
  void shreddingMakesEveryValueOfTheSubjectUnreadableAndSparesOthers() {
    String mario = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    String anna = encryption.encrypt("subj-2", "person.name", "Anna Bianchi");
    assertTrue(encryption.shred("subj-1"));
    SubjectKeyShreddedException e =
        assertThrows(
            SubjectKeyShreddedException.class,
            () -> encryption.decrypt("subj-1", "person.name", mario));
    assertEquals("subj-1", e.subjectRef());
    assertThrows(
        SubjectKeyShreddedException.class,
        () -> encryption.encrypt("subj-1", "person.name", "again"));
    assertEquals("Anna Bianchi", encryption.decrypt("subj-2", "person.name", anna));
  }

  @Test
  void aShredOnOneReplicaEvictsTheKeyFromAnotherReplicasCache() throws InterruptedException {
    String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi");
    try (FieldEncryption replica =
        new FieldEncryption(
            KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults())) {
      assertEquals("Mario Rossi", replica.decrypt("subj-1", "person.name", stored));
      Thread.sleep(300); // the replica's listener connects
      encryption.shred("subj-1");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (replica.isWarmFor(stored) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThrows(
          SubjectKeyShreddedException.class,
          () -> replica.decrypt("subj-1", "person.name", stored));
    }
  }

  @Test
  void blindIndexesMatchHoweverTheNumberIsWritten() {
    String index = encryption.phoneIndex("+39 06 4567 8901");
    assertEquals(index, encryption.phoneIndex("0039 06 45678901"));
    assertEquals(index, encryption.phoneIndex("06-4567-8901"));
    assertNotEquals(index, encryption.phoneIndex("+39 06 4567 8902"));
    assertFalse(index.contains("4567"));
    assertEquals(
        encryption.emailIndex("Mario.Rossi@Example.it"),
        encryption.emailIndex(" mario.rossi@example.IT"));
  }

  @Test
  void aPhoneAndAnEmailWithTheSameTextIndexDifferently() {
    assertNotEquals(encryption.index("phone", "x@y.it"), encryption.index("email", "x@y.it"));
  }

  @Test
  void indexKeyRotationKeepsOldIndexesFindable() {
    String before = encryption.phoneIndex("+39 06 4567 8901");
    assertEquals(2, encryption.rotateIndexKey());
    String after = encryption.phoneIndex("+39 06 4567 8901");
    assertNotEquals(before, after);
    assertTrue(after.startsWith("2."));
    assertEquals(List.of(before, after), encryption.phoneIndexes("+39 06 4567 8901"));
  }

  @Test
  void anotherReplicasIndexKeyRotationIsPickedUpInTheBackgroundAfterTheTtl() throws Exception {
    String before = encryption.phoneIndex("+39 06 4567 8901");
    try (FieldEncryption replica =
        new FieldEncryption(
            KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults())) {
      replica.rotateIndexKey();
    }
    assertEquals(before, encryption.phoneIndex("+39 06 4567 8901"), "within the TTL: unchanged");
    now.addAndGet(Duration.ofMinutes(11).toNanos());
    assertEquals(before, encryption.phoneIndex("+39 06 4567 8901"), "the stale keys still serve");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String after = encryption.phoneIndex("+39 06 4567 8901");
    while (!after.startsWith("2.") && System.nanoTime() < deadline) {
      Thread.sleep(10);
      after = encryption.phoneIndex("+39 06 4567 8901");
    }
    assertTrue(after.startsWith("2."), "the new index key version arrived");
  }

  @Test
  void anInvalidNumberIsRefusedBeforeAnythingIsComputed() {
    assertThrows(InvalidIdentifierException.class, () -> encryption.phoneIndex("not a number"));
  }

  @Test
  void warmingManySubjectsCostsOneRoundTripAndTheirFieldsThenNone() {
    List<String> subjects = new java.util.ArrayList<>();
    List<String> stored = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String subject = "warm-" + i + "-" + java.util.UUID.randomUUID();
      subjects.add(subject);
      stored.add(encryption.encrypt(subject, "person.phone", "value " + i));
    }
    FieldEncryption cold =
        new FieldEncryption(
            store, new FieldEncryption.Settings("IT", 1000, Duration.ofMinutes(10)));
    int before = store.dataKeyCalls.get();
    cold.warm(subjects);
    for (int i = 0; i < subjects.size(); i++) {
      assertEquals("value " + i, cold.decrypt(subjects.get(i), "person.phone", stored.get(i)));
    }
    assertEquals(before + 1, store.dataKeyCalls.get(), "one round trip for 20 subjects");
    cold.warm(subjects);
    assertEquals(before + 1, store.dataKeyCalls.get(), "warm keys are not read again");
  }

  /** Counts the key store's data-key round trips. */
  static final class CountingKeyStore implements KeyStore {
    final AtomicInteger dataKeyCalls = new AtomicInteger();
    private final KeyStore delegate;

    CountingKeyStore(KeyStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public DataKey currentDataKey(String subjectRef) {
      dataKeyCalls.incrementAndGet();
      return delegate.currentDataKey(subjectRef);
    }

    @Override
    public DataKey dataKey(KeyRef ref) {
      dataKeyCalls.incrementAndGet();
      return delegate.dataKey(ref);
    }

    @Override
    public List<DataKey> liveDataKeys(Collection<String> subjectRefs) {
      dataKeyCalls.incrementAndGet();
      return delegate.liveDataKeys(subjectRefs);
    }

    @Override
    public boolean shred(String subjectRef) {
      return delegate.shred(subjectRef);
    }

    @Override
    public int shredAll(Collection<String> subjectRefs) {
      return delegate.shredAll(subjectRefs);
    }

    @Override
    public List<String> notShreddedAmong(Collection<String> subjectRefs) {
      return delegate.notShreddedAmong(subjectRefs);
    }

    @Override
    public List<String> subjectsWithKeysCreatedBetween(Instant from, Instant to) {
      return delegate.subjectsWithKeysCreatedBetween(from, to);
    }

    @Override
    public boolean discardUnusedKey(String subjectRef) {
      return delegate.discardUnusedKey(subjectRef);
    }

    @Override
    public boolean shredsCompleteOnDisk() {
      return delegate.shredsCompleteOnDisk();
    }

    @Override
    public boolean completeShredsNow() {
      return delegate.completeShredsNow();
    }

    @Override
    public List<IndexKey> indexKeys() {
      return delegate.indexKeys();
    }

    @Override
    public IndexKey rotateIndexKey() {
      return delegate.rotateIndexKey();
    }

    @Override
    public RewrapReport rewrap(LongConsumer progress) {
      return delegate.rewrap(progress);
    }

    @Override
    public ReceiptSigner signer() {
      return delegate.signer();
    }

    @Override
    public void onShred(Consumer<String> listener) {
      delegate.onShred(listener);
    }

    @Override
    public void check() {
      delegate.check();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
