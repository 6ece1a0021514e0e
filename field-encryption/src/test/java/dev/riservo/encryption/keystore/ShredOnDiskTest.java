package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.riservo.encryption.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN "Personal data and keys": a shred is complete on disk, no old row version of the wrapped
 * key left readable. Reads the key database's pages (pageinspect, as the {@code postgres}
 * superuser) and, after a CHECKPOINT, its files under the data directory, looking for the destroyed
 * key's bytes in every relation: the key table, its indexes and its TOAST table.
 */
class ShredOnDiskTest {

  private DataSource keys;
  private KeyStore store;

  @BeforeEach
  void open() {
    keys = TestDatabases.freshKeyDatabase("riservo_fe_keys_on_disk_test");
    TestDatabases.execute(keys, "CREATE EXTENSION pageinspect");
    // the rewrite runs when the test asks (completeShredsNow), not on its own timer
    store = KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1, Duration.ofHours(1));
    store.check();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aShreddedKeyIsInNoPageOfTheKeyDatabaseOnceTheShredIsComplete() throws Exception {
    byte[] wrapped = lastOfSeveralKeys();
    String subject = subjectOf(wrapped);
    assertTrue(store.shred(subject));
    assertFalse(pagesHolding(wrapped).isEmpty(), "right after the shred the old row is there");
    assertFalse(store.shredsCompleteOnDisk());

    KeyStoreContract.completeShreds(store);

    assertTrue(store.shredsCompleteOnDisk());
    assertEquals(List.of(), pagesHolding(wrapped));
    assertEquals(List.of(), filesHolding(wrapped));
  }

  @Test
  void aDiscardedKeyIsInNoPageOfTheKeyDatabaseOnceComplete() throws Exception {
    byte[] wrapped = lastOfSeveralKeys();
    assertTrue(store.discardUnusedKey(subjectOf(wrapped)));
    assertFalse(pagesHolding(wrapped).isEmpty());
    KeyStoreContract.completeShreds(store);
    assertEquals(List.of(), pagesHolding(wrapped));
    assertEquals(List.of(), filesHolding(wrapped));
  }

  /**
   * Why the key table is rewritten: a plain VACUUM frees a deleted row's space but leaves its
   * bytes, unless a row stored after it happens to be moved onto them.
   */
  @Test
  void aPlainVacuumLeavesADestroyedKeyInThePagesFreeSpace() throws Exception {
    byte[] shredded = lastOfSeveralKeys();
    store.shred(subjectOf(shredded));
    TestDatabases.execute(keys, "VACUUM data_key");
    assertFalse(pagesHolding(shredded).isEmpty(), "plain VACUUM does not overwrite freed space");
  }

  /**
   * A transaction that began before the shred, in another database of the same server, makes every
   * snapshot (the rewrite's own included) see the shredded row as live: the rewrite waits for it.
   */
  @Test
  void theRewriteWaitsForAnOlderTransactionAnywhereOnTheServer() throws Exception {
    byte[] wrapped = lastOfSeveralKeys();
    try (Connection elsewhere = TestDatabases.dataSource("postgres").getConnection()) {
      elsewhere.setAutoCommit(false);
      elsewhere.createStatement().execute("SELECT pg_current_xact_id()");
      store.shred(subjectOf(wrapped));

      assertFalse(store.completeShredsNow(), "held by the older transaction");
      assertFalse(store.shredsCompleteOnDisk());
      assertFalse(pagesHolding(wrapped).isEmpty());

      elsewhere.rollback();
    }
    KeyStoreContract.completeShreds(store);
    assertTrue(store.shredsCompleteOnDisk());
    assertEquals(List.of(), pagesHolding(wrapped));
  }

  @Test
  void aShredIsCompletedOnDiskWithoutAnyoneAsking() throws Exception {
    store.close();
    store = KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1, Duration.ofMillis(200));
    byte[] wrapped = lastOfSeveralKeys();
    store.shred(subjectOf(wrapped));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!store.shredsCompleteOnDisk() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    if (!store.shredsCompleteOnDisk()) {
      List<String> elsewhere = KeyStoreContract.transactionsOutsideTheseTests();
      Assumptions.assumeTrue(
          elsewhere.isEmpty(), "shreds held back by transactions elsewhere: " + elsewhere);
      fail("the scheduled rewrite did not run");
    }
    assertEquals(List.of(), pagesHolding(wrapped));
  }

  /**
   * Stores subjects' keys until the first page of the key table is full and answers the wrapped
   * bytes of the last key on it: the row at the lowest address of its page, whose freed space no
   * compaction of the page overwrites, and whose tombstone goes to another page.
   */
  private byte[] lastOfSeveralKeys() throws SQLException {
    while (query("SELECT 1 FROM data_key WHERE (ctid::text::point)[0] > ?::int", "0").isEmpty()) {
      store.newDataKey("subj-" + UUID.randomUUID());
    }
    return query(
            "SELECT wrapped FROM data_key WHERE (ctid::text::point)[0] = ?::int"
                + " ORDER BY (ctid::text::point)[1] DESC LIMIT 1",
            "0")
        .get(0);
  }

  private String subjectOf(byte[] wrapped) throws SQLException {
    try (Connection c = keys.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT subject_ref FROM data_key WHERE wrapped = ?")) {
      ps.setBytes(1, wrapped);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return rs.getString(1);
      }
    }
  }

  /** 16-byte pieces of the wrapped key: a partly overwritten copy is still found. */
  private static List<byte[]> pieces(byte[] wrapped) {
    List<byte[]> pieces = new ArrayList<>();
    for (int at = 0; at + 16 <= wrapped.length; at += 16) {
      pieces.add(Arrays.copyOfRange(wrapped, at, at + 16));
    }
    pieces.add(Arrays.copyOfRange(wrapped, wrapped.length - 16, wrapped.length));
    return pieces;
  }

  /** Relation and block of every page (key table, indexes, TOAST) holding a piece of the key. */
  private List<String> pagesHolding(byte[] wrapped) throws SQLException {
    List<String> found = new ArrayList<>();
    for (byte[] piece : pieces(wrapped)) {
      try (Connection c = keys.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT c.oid::regclass::text || ' block ' || b FROM pg_class c"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace,"
                      + " generate_series(0, pg_relation_size(c.oid) / 8192 - 1) AS b"
                      + " WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't')"
                      + " AND position(? IN get_raw_page(c.oid::regclass::text, 'main', b::int)) > 0")) {
        ps.setBytes(1, piece);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  /** After a CHECKPOINT, the relations' files under the data directory holding a piece. */
  private List<String> filesHolding(byte[] wrapped) throws SQLException, IOException {
    TestDatabases.execute(keys, "CHECKPOINT");
    List<byte[]> paths =
        query(
            "SELECT convert_to(current_setting('data_directory') || '/' || pg_relation_filepath(c.oid),"
                + " 'UTF8') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't')"
                + " AND ? IS NOT NULL",
            "any");
    List<String> found = new ArrayList<>();
    for (byte[] raw : paths) {
      Path file = Path.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
      Assumptions.assumeTrue(
          Files.isReadable(file), "PostgreSQL's data directory is not readable here");
      byte[] content = Files.readAllBytes(file);
      for (byte[] piece : pieces(wrapped)) {
        if (indexOf(content, piece) >= 0) {
          found.add(file.toString());
        }
      }
    }
    return found;
  }

  private List<byte[]> query(String sql, String parameter) throws SQLException {
    try (Connection c = keys.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        List<byte[]> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getBytes(1));
        }
        return rows;
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
