package dev.riservo.encryption.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.KeyStoreUnavailableException;
import dev.riservo.encryption.SubjectKeyShreddedException;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.support.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DESIGN "Personal data and keys": each service keeps a ledger of destroyed keys and replays it at
 * start-up, so a key store restored from an older backup never brings an erased person back.
 */
class ShredLedgerTest {

  private DataSource keys;
  private DataSource service;
  private final List<FieldEncryption> opened = new ArrayList<>();

  @BeforeEach
  void databases() {
    keys = TestDatabases.freshKeyDatabase("riservo_fe_ledger_keys_test");
    service = TestDatabases.freshServiceDatabase("riservo_fe_ledger_service_test");
  }

  @AfterEach
  void close() {
    opened.forEach(FieldEncryption::close);
  }

  /** A replica (re)started over the key database, with the ledger in {@code serviceDatabase}. */
  private FieldEncryption start(DataSource serviceDatabase) {
    FieldEncryption encryption =
        new FieldEncryption(
            KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults(),
            serviceDatabase == null ? null : new ShredLedger(serviceDatabase));
    opened.add(encryption);
    return encryption;
  }

  private static String subject() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aKeyDatabaseRestoredFromAnOlderBackupIsShreddedAgainAtStartUp() throws SQLException {
    FieldEncryption before = start(service);
    before.replayShredLedger();
    String erased = subject();
    String other = subject();
    String erasedName = before.encrypt(erased, "person.name", "Mario Rossi");
    String otherName = before.encrypt(other, "person.name", "Anna Bianchi");
    Object[] backup = keyRow(erased); // the key database's backup, taken before the erasure
    assertTrue(before.shred(erased));
    assertThrows(
        SubjectKeyShreddedException.class, () -> before.decrypt(erased, "person.name", erasedName));

    restore(erased, backup);
    FieldEncryption withoutLedger = start(null);
    assertEquals(
        "Mario Rossi",
        withoutLedger.decrypt(erased, "person.name", erasedName),
        "the restored key database brings the erased subject back");

    FieldEncryption restarted = start(service);
    assertThrows(
        KeyStoreUnavailableException.class,
        () -> restarted.decrypt(erased, "person.name", erasedName),
        "no data key is served before the ledger is replayed");
    assertFalse(restarted.shredLedgerReplayed());
    ShredLedger.ReplayReport report = restarted.replayShredLedger();
    assertEquals(new ShredLedger.ReplayReport(1, 1), report);
    assertTrue(restarted.shredLedgerReplayed());
    assertThrows(
        SubjectKeyShreddedException.class,
        () -> restarted.decrypt(erased, "person.name", erasedName));
    assertThrows(
        SubjectKeyShreddedException.class,
        () -> withoutLedger.decrypt(erased, "person.name", erasedName),
        "the replay's shred reached the other replica's cache");
    assertEquals("Anna Bianchi", restarted.decrypt(other, "person.name", otherName));
    assertEquals(new ShredLedger.ReplayReport(1, 0), start(service).replayShredLedger());
  }

  @Test
  void aSubjectErasedWhoseKeyRowIsMissingAfterARestoreIsBarredFromANewKey() {
    FieldEncryption before = start(service);
    before.replayShredLedger();
    String erased = subject();
    before.encrypt(erased, "person.name", "Mario Rossi");
    before.shred(erased);
    TestDatabases.execute(keys, "DELETE FROM data_key"); // a backup older than the subject

    FieldEncryption restarted = start(service);
    assertEquals(new ShredLedger.ReplayReport(1, 1), restarted.replayShredLedger());
    assertThrows(
        SubjectKeyShreddedException.class,
        () -> restarted.encrypt(erased, "person.name", "Mario Rossi"));
  }

  @Test
  void theLedgerIsWrittenFirstSoAFailedLedgerWriteDestroysNothing() {
    FieldEncryption noLedgerTable = start(TestDatabases.fresh("riservo_fe_ledger_broken_test"));
    FieldEncryption healthy = start(null);
    String subject = subject();
    String name = healthy.encrypt(subject, "person.name", "Mario Rossi");
    assertThrows(ShredLedgerUnavailableException.class, () -> noLedgerTable.shred(subject));
    assertEquals("Mario Rossi", healthy.decrypt(subject, "person.name", name));
  }

  @Test
  void theLedgerHoldsSubjectReferencesOnlyAndIsAppendOnly() throws SQLException {
    FieldEncryption encryption = start(service);
    encryption.replayShredLedger();
    String erased = subject();
    encryption.encrypt(erased, "person.phone", "+393471234567");
    encryption.shred(erased);
    encryption.shred(erased);
    try (Connection c = service.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT subject_ref FROM shred_ledger")) {
      assertTrue(rs.next());
      assertEquals(erased, rs.getString(1));
      assertFalse(rs.next(), "one entry per subject");
    }
    assertThrows(
        IllegalStateException.class,
        () -> TestDatabases.execute(service, "DELETE FROM shred_ledger"));
    assertThrows(
        IllegalStateException.class,
        () -> TestDatabases.execute(service, "UPDATE shred_ledger SET subject_ref = 'x'"));
  }

  @Test
  void aLedgerLongerThanOneBatchIsReplayedWhole() {
    FieldEncryption encryption = start(service);
    encryption.replayShredLedger();
    TestDatabases.execute(
        service,
        "INSERT INTO shred_ledger (subject_ref)"
            + " SELECT gen_random_uuid()::text FROM generate_series(1, 2500)");
    ShredLedger.ReplayReport report = start(service).replayShredLedger();
    assertEquals(new ShredLedger.ReplayReport(2500, 2500), report);
    assertEquals(new ShredLedger.ReplayReport(2500, 0), start(service).replayShredLedger());
  }

  private Object[] keyRow(String subjectRef) throws SQLException {
    try (Connection c = keys.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT key_id, subject_ref, version, wrapped, created_at FROM data_key"
                    + " WHERE subject_ref = ?")) {
      ps.setString(1, subjectRef);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        return new Object[] {
          rs.getObject(1), rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getObject(5)
        };
      }
    }
  }

  /** Puts the subject's key row back as the backup had it (a restore of the key database). */
  private void restore(String subjectRef, Object[] row) throws SQLException {
    try (Connection c = keys.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM data_key WHERE subject_ref = ?")) {
        ps.setString(1, subjectRef);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO data_key (key_id, subject_ref, version, wrapped, created_at)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.executeUpdate();
      }
    }
  }
}
