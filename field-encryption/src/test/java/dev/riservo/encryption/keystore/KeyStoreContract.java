package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.riservo.encryption.SubjectKeyShreddedException;
import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.SealedField.KeyRef;
import dev.riservo.encryption.signing.Jws;
import dev.riservo.encryption.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One behaviour for every key store backend. Each backend's test makes a fresh key store over a
 * fresh key database, and says how its wrapping key rotates.
 */
public abstract class KeyStoreContract {

  protected KeyStore store;

  /** A key store over a fresh key database. */
  protected abstract KeyStore freshKeyStore();

  /** Another key store (another replica) over the same key database as the last fresh one. */
  protected abstract KeyStore replica();

  /** Rotates the wrapping key and answers a key store that wraps new keys under the new version. */
  protected abstract KeyStore rotateWrappingKey();

  @BeforeEach
  void open() {
    store = freshKeyStore();
    store.check();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String subject() {
    return "subj-" + UUID.randomUUID();
  }

  @Test
  void aSubjectKeepsOneDataKey() {
    String subject = subject();
    KeyStore.DataKey first = store.currentDataKey(subject);
    KeyStore.DataKey again = store.currentDataKey(subject);
    assertEquals(first.ref(), again.ref());
    assertArrayEquals(first.secret().getEncoded(), again.secret().getEncoded());
    assertEquals(32, first.secret().getEncoded().length);
  }

  @Test
  void aNewSubjectsKeyIsMadeAtOnceAndIsTheKeyItKeeps() {
    String subject = subject();
    KeyStore.DataKey made = store.newDataKey(subject);
    KeyStore.DataKey current = store.currentDataKey(subject);
    assertEquals(made.ref(), current.ref());
    assertArrayEquals(made.secret().getEncoded(), current.secret().getEncoded());
    KeyStore.DataKey again = store.newDataKey(subject);
    assertEquals(made.ref(), again.ref(), "a key that exists after all is answered, not replaced");
    assertArrayEquals(made.secret().getEncoded(), again.secret().getEncoded());
  }

  @Test
  void newKeysAskedForAtOnceAreAllStoredAndOnePerSubject() throws Exception {
    List<String> subjects = IntStream.range(0, 12).mapToObj(i -> subject()).toList();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<KeyStore.DataKey>> made = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (String subject : subjects) {
          made.add(
              threads.submit(
                  () -> {
                    start.await();
                    return store.newDataKey(subject);
                  }));
        }
      }
      start.countDown();
      Set<KeyRef> refs = new HashSet<>();
      for (int i = 0; i < subjects.size(); i++) {
        KeyStore.DataKey first = made.get(i).get(30, TimeUnit.SECONDS);
        KeyStore.DataKey second = made.get(i + subjects.size()).get(30, TimeUnit.SECONDS);
        assertEquals(first.ref(), second.ref(), "one key per subject, whoever asked first");
        assertArrayEquals(first.secret().getEncoded(), second.secret().getEncoded());
        KeyStore.DataKey stored = store.dataKey(first.ref());
        assertEquals(subjects.get(i), stored.subjectRef());
        assertArrayEquals(first.secret().getEncoded(), stored.secret().getEncoded());
        refs.add(first.ref());
      }
      assertEquals(subjects.size(), refs.size(), "every subject has a key of its own");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void differentSubjectsHaveDifferentKeys() {
    assertNotEquals(store.currentDataKey(subject()).ref(), store.currentDataKey(subject()).ref());
  }

  @Test
  void aDataKeyIsFoundByTheReferenceStoredWithAValue() {
    String subject = subject();
    KeyStore.DataKey key = store.currentDataKey(subject);
    KeyStore.DataKey found = store.dataKey(key.ref());
    assertEquals(subject, found.subjectRef());
    assertArrayEquals(key.secret().getEncoded(), found.secret().getEncoded());
  }

  @Test
  void anUnknownKeyOrKeyVersionIsTampering() {
    KeyStore.DataKey key = store.currentDataKey(subject());
    assertThrows(
        TamperedValueException.class, () -> store.dataKey(new KeyRef(UUID.randomUUID(), 1)));
    assertThrows(
        TamperedValueException.class,
        () -> store.dataKey(new KeyRef(key.ref().keyId(), key.ref().version() + 1)));
  }

  @Test
  void aShreddedKeyIsGoneForGoodAndNeverReplaced() {
    String subject = subject();
    KeyStore.DataKey key = store.currentDataKey(subject);
    assertTrue(store.shred(subject));
    assertThrows(SubjectKeyShreddedException.class, () -> store.dataKey(key.ref()));
    assertThrows(SubjectKeyShreddedException.class, () -> store.currentDataKey(subject));
    assertFalse(store.shred(subject), "shredding is idempotent");
  }

  @Test
  void shreddingASubjectWithoutAKeyStillBarsANewOne() {
    String subject = subject();
    assertFalse(store.shred(subject));
    assertThrows(SubjectKeyShreddedException.class, () -> store.currentDataKey(subject));
  }

  @Test
  void aSweepFindsTheKeysCreatedInAWindowAndNotTombstones() throws InterruptedException {
    Instant before = Instant.now().minusSeconds(1);
    String orphan = subject();
    String kept = subject();
    String erased = subject();
    store.newDataKey(orphan);
    store.newDataKey(kept);
    store.newDataKey(erased);
    store.shred(erased);
    Instant after = Instant.now().plusSeconds(1);

    List<String> found = store.subjectsWithKeysCreatedBetween(before, after);
    assertTrue(found.containsAll(List.of(orphan, kept)), found.toString());
    assertFalse(found.contains(erased), "a shredded subject has no live key to sweep");
    assertEquals(
        List.of(), store.subjectsWithKeysCreatedBetween(before.minusSeconds(3600), before));
    assertEquals(List.of(), store.subjectsWithKeysCreatedBetween(after, after.plusSeconds(3600)));
  }

  @Test
  void aDiscardedKeyIsGoneWithoutATombstone() {
    String orphan = subject();
    KeyStore.DataKey key = store.newDataKey(orphan);
    assertTrue(store.discardUnusedKey(orphan));
    assertThrows(TamperedValueException.class, () -> store.dataKey(key.ref()));
    assertFalse(store.discardUnusedKey(orphan), "discarding is idempotent");
    assertFalse(
        store
            .subjectsWithKeysCreatedBetween(Instant.EPOCH, Instant.now().plusSeconds(60))
            .contains(orphan));
    assertEquals(List.of(orphan), store.notShreddedAmong(List.of(orphan)), "no tombstone left");
  }

  @Test
  void aTombstoneIsNeverDiscarded() {
    String erased = subject();
    KeyStore.DataKey key = store.currentDataKey(erased);
    store.shred(erased);
    assertFalse(store.discardUnusedKey(erased));
    assertThrows(SubjectKeyShreddedException.class, () -> store.dataKey(key.ref()));
    assertThrows(SubjectKeyShreddedException.class, () -> store.currentDataKey(erased));
  }

  @Test
  void everyReplicaHearsOfADiscardedKey() throws InterruptedException {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (KeyStore other = replica()) {
      other.onShred(heard::add);
      Thread.sleep(300); // let the listener connect before the discard is announced
      String orphan = subject();
      store.newDataKey(orphan);
      store.discardUnusedKey(orphan);
      assertEquals(orphan, heard.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void theLiveKeysOfManySubjectsComeInOneReadAndNoneIsMade() {
    String live = subject();
    String erased = subject();
    String keyless = subject();
    KeyStore.DataKey liveKey = store.currentDataKey(live);
    store.currentDataKey(erased);
    store.shred(erased);
    List<KeyStore.DataKey> keys = store.liveDataKeys(List.of(live, erased, keyless));
    assertEquals(1, keys.size());
    assertEquals(liveKey.ref(), keys.get(0).ref());
    assertEquals(live, keys.get(0).subjectRef());
    assertArrayEquals(liveKey.secret().getEncoded(), keys.get(0).secret().getEncoded());
    assertEquals(List.of(), store.liveDataKeys(List.of(keyless)), "no key is made");
    assertEquals(List.of(), store.liveDataKeys(List.of()));
  }

  @Test
  void manySubjectsAreShreddedAtOnce() {
    String live = subject();
    String erased = subject();
    String keyless = subject();
    KeyStore.DataKey liveKey = store.currentDataKey(live);
    KeyStore.DataKey erasedKey = store.currentDataKey(erased);
    store.shred(erased);
    assertEquals(1, store.shredAll(List.of(live, erased, keyless, live)));
    assertThrows(SubjectKeyShreddedException.class, () -> store.dataKey(liveKey.ref()));
    assertThrows(SubjectKeyShreddedException.class, () -> store.dataKey(erasedKey.ref()));
    for (String subject : List.of(live, erased, keyless)) {
      assertThrows(SubjectKeyShreddedException.class, () -> store.currentDataKey(subject));
    }
    assertEquals(List.of(), store.notShreddedAmong(List.of(live, erased, keyless)));
    assertEquals(0, store.shredAll(List.of()));
  }

  @Test
  void onlyUntombstonedSubjectsAreReportedForAReplay() {
    String live = subject();
    String erased = subject();
    String unknown = subject();
    store.currentDataKey(live);
    store.currentDataKey(erased);
    store.shred(erased);
    assertEquals(
        Set.of(live, unknown), Set.copyOf(store.notShreddedAmong(List.of(live, erased, unknown))));
    assertEquals(List.of(), store.notShreddedAmong(List.of()));
  }

  @Test
  void destroyedKeysArePendingOnDiskUntilTheKeyTableIsRewritten() {
    assertTrue(store.shredsCompleteOnDisk(), "nothing destroyed yet");
    String erased = subject();
    store.currentDataKey(erased);
    store.shred(erased);
    assertFalse(store.shredsCompleteOnDisk(), "the old row version is still in the file");
    completeShreds(store);
    assertTrue(store.shredsCompleteOnDisk());

    String orphan = subject();
    store.newDataKey(orphan);
    store.discardUnusedKey(orphan);
    assertFalse(store.shredsCompleteOnDisk(), "a discarded key is destroyed too");
    completeShreds(store);
    assertTrue(store.shredsCompleteOnDisk());

    String never = subject();
    store.shred(never);
    assertTrue(store.shredsCompleteOnDisk(), "a tombstone alone destroys nothing");
  }

  /**
   * Completes the shreds on disk. On the shared test server a transaction of another project's test
   * may hold them back for minutes (a rewrite then would keep the destroyed rows): after a minute
   * the test is aborted (skipped) naming it, never passed.
   */
  static void completeShreds(KeyStore store) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!store.completeShredsNow()) {
      if (System.nanoTime() > deadline) {
        List<String> elsewhere = transactionsOutsideTheseTests();
        Assumptions.assumeTrue(
            elsewhere.isEmpty(), "shreds held back by transactions elsewhere: " + elsewhere);
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static List<String> transactionsOutsideTheseTests() {
    List<String> found = new ArrayList<>();
    try (Connection c = TestDatabases.dataSource("postgres").getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT datname || ' pid ' || pid || ' open ' || (now() - xact_start)"
                    + " FROM pg_stat_activity WHERE backend_xid IS NOT NULL"
                    + " AND datname NOT LIKE 'riservo\\_fe\\_%' AND pid <> pg_backend_pid()")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  @Test
  void everyReplicaHearsOfAShred() throws InterruptedException {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (KeyStore other = replica()) {
      other.onShred(heard::add);
      Thread.sleep(300); // let the listener connect before the shred is announced
      String subject = subject();
      store.currentDataKey(subject);
      store.shred(subject);
      assertEquals(subject, heard.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void indexKeysAreCreatedOnceAndRotate() {
    List<KeyStore.IndexKey> keys = store.indexKeys();
    assertEquals(1, keys.size());
    assertArrayEquals(keys.get(0).secret(), store.indexKeys().get(0).secret());
    KeyStore.IndexKey second = store.rotateIndexKey();
    assertEquals(2, second.version());
    List<KeyStore.IndexKey> both = store.indexKeys();
    assertEquals(2, both.size());
    assertArrayEquals(keys.get(0).secret(), both.get(0).secret());
  }

  @Test
  void keysWrittenBeforeAndAfterAWrappingKeyRotationAndARewrapAllRead() {
    String before = subject();
    KeyStore.DataKey old = store.currentDataKey(before);
    byte[] oldIndex = store.indexKeys().get(0).secret();
    String kid = store.signer().keyId();

    KeyStore rotated = rotateWrappingKey();
    try {
      String after = subject();
      KeyStore.DataKey fresh = rotated.currentDataKey(after);
      assertArrayEquals(
          old.secret().getEncoded(), rotated.dataKey(old.ref()).secret().getEncoded());

      KeyStore.RewrapReport report = rotated.rewrap(done -> {});
      assertTrue(report.rewrapped() >= 2, "the old data key and index key were re-wrapped");
      assertEquals(0, rotated.rewrap(done -> {}).rewrapped(), "a second re-wrap finds nothing");

      assertArrayEquals(
          old.secret().getEncoded(), rotated.dataKey(old.ref()).secret().getEncoded());
      assertArrayEquals(
          fresh.secret().getEncoded(), rotated.dataKey(fresh.ref()).secret().getEncoded());
      assertArrayEquals(oldIndex, rotated.indexKeys().get(0).secret());
      assertEquals(kid, rotated.signer().keyId());
    } finally {
      rotated.close();
    }
  }

  @Test
  void receiptsAreJwsThatAStandardJoseLibraryVerifiesWithTheJwks() throws Exception {
    String jws = Jws.sign(store.signer(), "{\"consent\":\"given\"}", "JWT");
    JWSObject parsed = JWSObject.parse(jws);
    JWKSet jwks = JWKSet.parse(Jws.jwks(store.signer()));
    ECKey key = (ECKey) jwks.getKeyByKeyId(parsed.getHeader().getKeyID());
    assertTrue(parsed.verify(new ECDSAVerifier(key)));
    assertEquals("{\"consent\":\"given\"}", parsed.getPayload().toString());

    String forged =
        jws.substring(0, jws.lastIndexOf('.') - 2) + "xx" + jws.substring(jws.lastIndexOf('.'));
    assertFalse(JWSObject.parse(forged).verify(new ECDSAVerifier(key)));
  }
}
