package dev.riservo.encryption.support;

import dev.riservo.encryption.crypto.AesGcm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real PostgreSQL databases for the library's tests, made afresh by the tests themselves through
 * the admin role (the server ./riservo ensures: RISERVO_DB_HOST, RISERVO_DB_PORT,
 * RISERVO_DB_ADMIN_USER).
 */
public final class TestDatabases {

  public static final String HOST = env("RISERVO_DB_HOST", "127.0.0.1");
  public static final int PORT = Integer.parseInt(env("RISERVO_DB_PORT", "5432"));
  public static final String ADMIN = env("RISERVO_DB_ADMIN_USER", "postgres");

  /** A throw-away master key for the local key store in tests. */
  public static final Map<Integer, String> MASTER_KEYS =
      Map.of(1, Base64.getEncoder().encodeToString(AesGcm.randomBytes(32)));

  private TestDatabases() {}

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static DataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {HOST});
    ds.setPortNumbers(new int[] {PORT});
    ds.setDatabaseName(database);
    ds.setUser(ADMIN);
    String password = System.getenv("PGPASSWORD");
    if (password != null) {
      ds.setPassword(password);
    }
    return ds;
  }

  /** Drops and creates {@code database}, empty. */
  public static DataSource fresh(String database) {
    try (Connection admin = dataSource("postgres").getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + database, e);
    }
    return dataSource(database);
  }

  /** The key database's migrations, in order. */
  public static final List<String> KEY_MIGRATIONS =
      List.of(
          "/db/keys/V1__key_store.sql",
          "/db/keys/V2__complete_shreds_and_sweeps.sql",
          "/db/keys/V3__shred_rewrite_horizon.sql");

  /** A fresh key database with the library's schema. */
  public static DataSource freshKeyDatabase(String database) {
    DataSource ds = fresh(database);
    KEY_MIGRATIONS.forEach(migration -> execute(ds, resource(migration)));
    return ds;
  }

  /** A fresh service database holding the shred ledger (and nothing else of a service). */
  public static DataSource freshServiceDatabase(String database) {
    DataSource ds = fresh(database);
    execute(ds, resource("/db/shred-ledger/V1_10__shred_ledger.sql"));
    return ds;
  }

  public static void execute(DataSource ds, String sql) {
    try (Connection connection = ds.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  public static String resource(String path) {
    try (InputStream in = TestDatabases.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a PostgreSQL client tool (pg_dump, psql) against the test server; answers its stdout. */
  public static String tool(String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      builder.environment().put("PGHOST", HOST);
      builder.environment().put("PGPORT", Integer.toString(PORT));
      builder.environment().put("PGUSER", ADMIN);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
