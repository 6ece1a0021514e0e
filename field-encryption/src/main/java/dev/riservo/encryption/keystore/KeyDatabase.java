package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.KeyStoreUnavailableException;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The key database (schema {@code db/keys}): wrapped keys only, apart from every service database.
 * Plain blocking JDBC. Destroyed keys (shredded or discarded) are announced with PostgreSQL NOTIFY
 * so every replica evicts its cache, and mark the key table for a rewrite ({@link ShredVacuum}).
 */
public final class KeyDatabase implements AutoCloseable {

  /** A data key row: wrapped is null once the key was shredded. */
  public record DataKeyRow(UUID keyId, String subjectRef, int version, byte[] wrapped) {
    boolean shredded() {
      return wrapped == null;
    }
  }

  /** A wrapped key of any kind, for re-wrapping. */
  record WrappedRow(String table, String id, byte[] wrapped) {}

  private final Jdbc jdbc;
  private final KeyEvents events;
  private final DataKeyDestruction destruction;

  public KeyDatabase(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
    this.events = new KeyEvents(dataSource);
    this.destruction = new DataKeyDestruction(jdbc);
  }

  DataSource dataSource() {
    return jdbc.dataSource();
  }

  Optional<DataKeyRow> dataKeyOfSubject(String subjectRef) {
    return queryDataKey("subject_ref = ?", ps -> ps.setString(1, subjectRef));
  }

  Optional<DataKeyRow> dataKey(UUID keyId) {
    return queryDataKey("key_id = ?", ps -> ps.setObject(1, keyId));
  }

  /** The key rows (live or tombstones) of the subjects that have one, in one statement. */
  List<DataKeyRow> dataKeysOfSubjects(Collection<String> subjectRefs) {
    return jdbc.query(
        "SELECT key_id, subject_ref, version, wrapped FROM data_key WHERE subject_ref = ANY(?)",
        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", subjectRefs.toArray())),
        rs ->
            new DataKeyRow(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getBytes(4)));
  }

  /**
   * Inserts the subject's key unless one (or a tombstone) exists; answers the row that holds.
   *
   * <p>Inserts asked for while another is being written are written together, in one statement and
   * one commit, by the first of their callers (the others wait for it): under load, new subjects'
   * keys cost a commit per batch instead of one each.
   */
  DataKeyRow insertDataKey(UUID keyId, String subjectRef, int version, byte[] wrapped) {
    NewKey mine = new NewKey(new DataKeyRow(keyId, subjectRef, version, wrapped));
    List<NewKey> batch;
    synchronized (newKeys) {
      newKeys.add(mine);
      boolean interrupted = false;
      while (writingKeys && !mine.done) {
        try {
          newKeys.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (mine.done) {
        return mine.answer();
      }
      writingKeys = true;
      batch = new ArrayList<>(newKeys);
      newKeys.clear();
    }
    try {
      List<UUID> inserted = insertAll(batch.stream().map(k -> k.row).toList());
      for (NewKey key : batch) {
        key.inserted = inserted.contains(key.row.keyId());
      }
    } catch (RuntimeException e) {
      batch.forEach(key -> key.failure = e);
    } finally {
      synchronized (newKeys) {
        batch.forEach(key -> key.done = true);
        writingKeys = false;
        newKeys.notifyAll();
      }
    }
    return mine.answer();
  }

  /** A key waiting to be inserted, and what became of it. */
  private final class NewKey {
    final DataKeyRow row;
    boolean done;
    boolean inserted;
    RuntimeException failure;

    NewKey(DataKeyRow row) {
      this.row = row;
    }

    /** The row that holds: this one if it went in, else the subject's key (or tombstone). */
    DataKeyRow answer() {
      if (failure != null) {
        throw failure;
      }
      if (inserted) {
        return row;
      }
      return dataKeyOfSubject(row.subjectRef())
          .orElseThrow(() -> new IllegalStateException("a data key row vanished after insert"));
    }
  }

  private final List<NewKey> newKeys = new ArrayList<>();
  private boolean writingKeys;

  /** One statement for many keys; answers the ids of the keys that went in. */
  private List<UUID> insertAll(List<DataKeyRow> rows) {
    Base64.Encoder base64 = Base64.getEncoder();
    return jdbc.query(
        "INSERT INTO data_key (key_id, subject_ref, version, wrapped)"
            + " SELECT k, s, v, decode(w, 'base64') FROM unnest(?::uuid[], ?::text[], ?::int[],"
            + " ?::text[]) AS u(k, s, v, w) ON CONFLICT (subject_ref) DO NOTHING RETURNING key_id",
        ps -> {
          Connection connection = ps.getConnection();
          ps.setArray(
              1, connection.createArrayOf("uuid", rows.stream().map(DataKeyRow::keyId).toArray()));
          ps.setArray(
              2,
              connection.createArrayOf(
                  "text", rows.stream().map(DataKeyRow::subjectRef).toArray()));
          ps.setArray(
              3,
              connection.createArrayOf("int4", rows.stream().map(DataKeyRow::version).toArray()));
          ps.setArray(
              4,
              connection.createArrayOf(
                  "text", rows.stream().map(r -> base64.encodeToString(r.wrapped())).toArray()));
        },
        rs -> rs.getObject(1, UUID.class));
  }

  /** {@link DataKeyDestruction#shred}. */
  boolean shred(String subjectRef) {
    return destruction.shredAll(List.of(subjectRef)) > 0;
  }

  /** {@link DataKeyDestruction#shredAll}. */
  int shredAll(Collection<String> subjectRefs) {
    return destruction.shredAll(subjectRefs);
  }

  /** {@link DataKeyDestruction#discardUnused}. */
  boolean discardUnused(String subjectRef) {
    return destruction.discardUnused(subjectRef);
  }

  /** Of {@code subjectRefs}, those that have no tombstone here (a live key, or no row at all). */
  List<String> notShreddedAmong(Collection<String> subjectRefs) {
    return jdbc.query(
        "SELECT u.ref FROM unnest(?::text[]) AS u(ref) WHERE NOT EXISTS"
            + " (SELECT 1 FROM data_key d WHERE d.subject_ref = u.ref AND d.wrapped IS NULL)",
        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", subjectRefs.toArray())),
        rs -> rs.getString(1));
  }

  /** Subjects whose live key was created in [from, to), oldest first. */
  List<String> subjectsWithKeysCreatedBetween(Instant from, Instant to) {
    return jdbc.query(
        "SELECT subject_ref FROM data_key WHERE wrapped IS NOT NULL"
            + " AND created_at >= ? AND created_at < ? ORDER BY created_at, subject_ref",
        ps -> {
          ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
          ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        },
        rs -> rs.getString(1));
  }

  /** Index keys, oldest first: (version, wrapped). */
  List<WrappedRow> indexKeys() {
    return jdbc.query(
        "SELECT version, wrapped FROM index_key ORDER BY version",
        ps -> {},
        rs -> new WrappedRow("index_key", Integer.toString(rs.getInt(1)), rs.getBytes(2)));
  }

  /** Inserts index key {@code version} unless it exists (another replica won the race). */
  void insertIndexKey(int version, byte[] wrapped) {
    jdbc.run(
        "INSERT INTO index_key (version, wrapped) VALUES (?, ?) ON CONFLICT (version) DO NOTHING",
        ps -> {
          ps.setInt(1, version);
          ps.setBytes(2, wrapped);
        });
  }

  /** The active signing key: (kid, public JWK JSON, private wrapped). */
  Optional<String[]> activeSigningKey() {
    List<String[]> rows =
        jdbc.query(
            "SELECT kid, public_jwk FROM signing_key WHERE retired_at IS NULL"
                + " ORDER BY created_at DESC LIMIT 1",
            ps -> {},
            rs -> new String[] {rs.getString(1), rs.getString(2)});
    return rows.stream().findFirst();
  }

  byte[] signingPrivateKey(String kid) {
    List<byte[]> rows =
        jdbc.query(
            "SELECT private_wrapped FROM signing_key WHERE kid = ?",
            ps -> ps.setString(1, kid),
            rs -> rs.getBytes(1));
    return rows.isEmpty() ? null : rows.get(0);
  }

  List<String> signingPublicJwks() {
    return jdbc.query(
        "SELECT public_jwk FROM signing_key ORDER BY created_at", ps -> {}, rs -> rs.getString(1));
  }

  void insertSigningKey(String kid, String publicJwk, byte[] privateWrapped) {
    jdbc.run(
        "INSERT INTO signing_key (kid, public_jwk, private_wrapped) VALUES (?, ?, ?)"
            + " ON CONFLICT (kid) DO NOTHING",
        ps -> {
          ps.setString(1, kid);
          ps.setString(2, publicJwk);
          ps.setBytes(3, privateWrapped);
        });
  }

  /** Where one kind of wrapped key lives: table, text id column, wrapped column, row filter. */
  private record WrappedColumn(String table, String id, String wrapped, String filter) {}

  private static final Map<String, WrappedColumn> WRAPPED =
      Map.of(
          "data_key",
              new WrappedColumn("data_key", "key_id::text", "wrapped", "wrapped IS NOT NULL"),
          "index_key", new WrappedColumn("index_key", "version::text", "wrapped", "true"),
          "signing_key", new WrappedColumn("signing_key", "kid", "private_wrapped", "true"));

  private static WrappedColumn wrappedColumn(String table) {
    WrappedColumn column = WRAPPED.get(table);
    if (column == null) {
      throw new IllegalArgumentException("no wrapped keys in " + table);
    }
    return column;
  }

  /** A page of wrapped keys of one table after {@code afterId}, for re-wrapping in batches. */
  List<WrappedRow> wrappedPage(String table, String afterId, int size) {
    WrappedColumn c = wrappedColumn(table);
    return jdbc.query(
        String.format(
            "SELECT %1$s, %2$s FROM %3$s WHERE %4$s AND %1$s > ? ORDER BY %1$s LIMIT ?",
            c.id(), c.wrapped(), c.table(), c.filter()),
        ps -> {
          ps.setString(1, afterId);
          ps.setInt(2, size);
        },
        rs -> new WrappedRow(table, rs.getString(1), rs.getBytes(2)));
  }

  /**
   * Replaces one wrapped key if it is still the one that was read (compare-and-set), so a
   * concurrent shred is never undone by a re-wrap.
   */
  boolean replaceWrapped(WrappedRow row, byte[] rewrapped) {
    WrappedColumn c = wrappedColumn(row.table());
    int[] updated = new int[1];
    jdbc.withStatement(
        String.format(
            "UPDATE %1$s SET %2$s = ? WHERE %3$s = ? AND %2$s = ?", c.table(), c.wrapped(), c.id()),
        ps -> {
          ps.setBytes(1, rewrapped);
          ps.setString(2, row.id());
          ps.setBytes(3, row.wrapped());
          updated[0] = ps.executeUpdate();
        });
    return updated[0] == 1;
  }

  /** Calls {@code consumer} with the subject of every key destroyed, from any replica. */
  void onShred(Consumer<String> consumer) {
    events.add(consumer);
  }

  /** Fails if the key database cannot be reached or lacks its schema. */
  void check() {
    try {
      jdbc.query(
          "SELECT requested_xid FROM data_key, key_store_vacuum WHERE false",
          ps -> {},
          rs -> rs.getLong(1));
    } catch (KeyStoreUnavailableException e) {
      throw new KeyStoreConfigurationException(
          "the key database is unreachable or has no key-store schema ("
              + e.getMessage()
              + "): set quarkus.datasource.keys.jdbc.url to a database of its own, migrated from"
              + " db/keys (quarkus.flyway.keys.migrate-at-start=true)",
          e);
    }
  }

  @Override
  public void close() {
    events.close();
  }

  private Optional<DataKeyRow> queryDataKey(String where, Jdbc.Binder binder) {
    List<DataKeyRow> rows =
        jdbc.query(
            "SELECT key_id, subject_ref, version, wrapped FROM data_key WHERE " + where,
            binder,
            rs ->
                new DataKeyRow(
                    rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getBytes(4)));
    return rows.stream().findFirst();
  }
}
