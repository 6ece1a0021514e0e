package dev.riservo.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service-like table in its own database, written through the library: no planted name, phone
 * number or e-mail appears in its raw rows or in a pg_dump, and crypto-shredding reaches a backup
 * taken before the erasure.
 */
class PersonalDataAtRestTest {

  private static final String SERVICE_DB = "riservo_fe_service_test";
  private static final String RESTORED_DB = "riservo_fe_restored_test";

  /** subject, name, phone as written, e-mail as written. */
  private static final String[][] PEOPLE = {
    {"subj-1", "Mario Rossi", "+39 347 123 4567", "Mario.Rossi@Example.it"},
    {"subj-2", "Anna Bianchi", "06 4567 8901", "anna.bianchi@posta.it"},
    {"subj-3", "Luca Verdi", "0039 02 1234 5678", "LUCA@verdi.example"},
  };

  private DataSource service;
  private FieldEncryption encryption;

  @BeforeEach
  void plant() throws SQLException {
    DataSource keys = TestDatabases.freshKeyDatabase("riservo_fe_keys_rest_test");
    encryption =
        new FieldEncryption(
            KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults());
    service = TestDatabases.fresh(SERVICE_DB);
    TestDatabases.execute(
        service,
        "CREATE TABLE person (subject_ref TEXT PRIMARY KEY, name TEXT, phone TEXT,"
            + " phone_index TEXT, email TEXT, email_index TEXT)");
    try (Connection c = service.getConnection();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)")) {
      for (String[] p : PEOPLE) {
        insert.setString(1, p[0]);
        insert.setString(2, encryption.encrypt(p[0], "person.name", p[1]));
        insert.setString(
            3, encryption.encrypt(p[0], "person.phone", encryption.identifiers().phone(p[2])));
        insert.setString(4, encryption.phoneIndex(p[2]));
        insert.setString(5, encryption.encrypt(p[0], "person.email", p[3]));
        insert.setString(6, encryption.emailIndex(p[3]));
        insert.executeUpdate();
      }
    }
  }

  @AfterEach
  void close() {
    encryption.close();
  }

  /** Every form in which a planted value could leak. */
  private List<String> planted() {
    List<String> needles = new ArrayList<>();
    for (String[] p : PEOPLE) {
      needles.add(p[1]);
      needles.add(p[1].split(" ")[1]);
      needles.add(p[2]);
      String e164 = encryption.identifiers().phone(p[2]);
      needles.add(e164);
      needles.add(e164.substring(3));
      needles.add(p[3]);
      needles.add(p[3].toLowerCase());
      needles.add(p[3].substring(0, p[3].indexOf('@')).toLowerCase());
    }
    return needles;
  }

  private static void assertNoneIn(String haystack, List<String> needles, String where) {
    String lower = haystack.toLowerCase();
    for (String needle : needles) {
      assertFalse(
          lower.contains(needle.toLowerCase()), where + " contains planted value " + needle);
    }
  }

  @Test
  void rawRowsHoldNoPlantedValue() throws SQLException {
    StringBuilder raw = new StringBuilder();
    try (Connection c = service.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT * FROM person")) {
      ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          raw.append(rows.getString(i)).append('|');
        }
      }
    }
    assertTrue(raw.length() > 300, "the rows were read");
    assertNoneIn(raw.toString(), planted(), "the raw rows");
  }

  @Test
  void aPgDumpOfTheTableHoldsNoPlantedValue() {
    String dump = TestDatabases.tool("pg_dump", "--table=person", "--data-only", SERVICE_DB);
    assertTrue(dump.contains("subj-1"), "the dump holds the rows");
    assertNoneIn(dump, planted(), "pg_dump");
  }

  @Test
  void aShredReachesABackupTakenBeforeIt() throws Exception {
    Path backup = Files.createTempFile("riservo-service-", ".sql");
    try {
      Files.writeString(backup, TestDatabases.tool("pg_dump", SERVICE_DB));
      assertTrue(encryption.shred("subj-1"));

      TestDatabases.fresh(RESTORED_DB);
      TestDatabases.tool(
          "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", RESTORED_DB, "-f", backup.toString());
      DataSource restored = TestDatabases.dataSource(RESTORED_DB);

      try (Connection c = restored.getConnection();
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT subject_ref, name, email FROM person")) {
        int read = 0;
        while (rows.next()) {
          String subject = rows.getString(1);
          String name = rows.getString(2);
          String email = rows.getString(3);
          if (subject.equals("subj-1")) {
            assertThrows(
                SubjectKeyShreddedException.class,
                () -> encryption.decrypt(subject, "person.name", name));
            assertThrows(
                SubjectKeyShreddedException.class,
                () -> encryption.decrypt(subject, "person.email", email));
          } else {
            assertFalse(encryption.decrypt(subject, "person.name", name).isBlank());
            read++;
          }
        }
        assertEquals(2, read, "the other subjects still read from the restored backup");
      }
    } finally {
      Files.deleteIfExists(backup);
    }
  }

  @Test
  void aPhoneNumberIsFoundThroughItsBlindIndexHoweverItIsTyped() throws SQLException {
    try (Connection c = service.getConnection();
        PreparedStatement find =
            c.prepareStatement("SELECT subject_ref FROM person WHERE phone_index = ANY (?)")) {
      find.setArray(
          1, c.createArrayOf("text", encryption.phoneIndexes("+39 06-4567-8901").toArray()));
      try (ResultSet rows = find.executeQuery()) {
        assertTrue(rows.next());
        assertEquals("subj-2", rows.getString(1));
      }
    }
  }
}
