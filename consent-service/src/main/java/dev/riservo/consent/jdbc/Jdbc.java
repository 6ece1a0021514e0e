package dev.riservo.consent.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the JDBC-side work (imports, scrubs, retention) shares: transactions and JSON columns. */
public final class Jdbc {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Work on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work {
    void run(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  /** Runs {@code work} in a transaction of its own: committed if it returns, rolled back if not. */
  public static void inTransaction(DataSource db, Work work) throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** A value as the JSON text a column holds. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a value could not be written as JSON", e);
    }
  }

  /** A JSON column's text read back. */
  public static <T> T fromJson(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a column holds malformed JSON", e);
    }
  }
}
