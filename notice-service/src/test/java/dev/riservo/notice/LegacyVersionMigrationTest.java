package dev.riservo.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Versions published before structured notices keep every byte through the migrations that brought
 * them (consent records point at their id and contentHash): migrated in a schema of its own, from
 * V2 to the latest, a V2-era row is the same row, not even rewritten (same ctid, xmin).
 */
@QuarkusTest
class LegacyVersionMigrationTest {

  private static final String SCHEMA = "legacy_migration_check";

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  /** Connections of its own, never the pool's: their search_path stays theirs. */
  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  private Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(url, user, "")
        .schemas(SCHEMA)
        .locations("classpath:db/audit-trail", "classpath:db/migration")
        .outOfOrder(true)
        .cleanDisabled(false)
        .target(target)
        .load();
  }

  private List<String> rows(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + SCHEMA);
      List<String> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          rows.add(r.getString(1));
        }
      }
      return rows;
    }
  }

  private void run(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + SCHEMA);
      s.execute(sql);
    }
  }

  @Test
  @DisplayName("rule 10: a version published before issue 15 survives the migrations byte for byte")
  void aPreExistingVersionSurvivesTheMigrationByteForByte() throws SQLException {
    flyway("latest").clean();
    flyway("2").migrate();
    run(
        "INSERT INTO notice (notice_id, latest_version, created_at)"
            + " VALUES ('tm-it', 2, '2026-03-02T09:15:00.123456Z')");
    run(
        "INSERT INTO notice_version VALUES"
            + " ('tm-it', 1, 'it', 'Informativa', E'Titolare: Riservo\\r\\nfine', "
            + "  '1895cc1ecb2892216b1667148be5e39bbac8f54760311db1ac32c6892f4439cb',"
            + "  '2026-03-02T09:15:00.123456Z', 'dora-dpo'),"
            + " ('tm-it', 2, 'it-IT', 'Informativa 2', 'è € 😀', "
            + "  '0000000000000000000000000000000000000000000000000000000000000000',"
            + "  '2026-03-03T09:15:00Z', 'dora-dpo')");
    String columns =
        "notice_id, version, language, title, content, content_hash, published_at, published_by";
    String before =
        "SELECT ctid::text || ' ' || xmin::text || ' ' || md5(row("
            + columns
            + ")::text)"
            + " || ' ' || row("
            + columns
            + ")::text FROM notice_version ORDER BY version";
    List<String> old = rows(before);
    List<String> head = rows("SELECT ctid::text || ' ' || xmin::text FROM notice");

    flyway("latest").migrate();

    assertEquals(old, rows(before), "the rows are the very same tuples, with the same bytes");
    assertEquals(
        List.of("1 true", "2 true"),
        rows(
            "SELECT version || ' ' || (document IS NULL AND document_hash IS NULL"
                + " AND effective_from IS NULL) FROM notice_version ORDER BY version"));
    assertEquals(
        head,
        rows("SELECT ctid::text || ' ' || xmin::text FROM notice"),
        "the head row was not rewritten either");
    flyway("latest").clean();
  }
}
