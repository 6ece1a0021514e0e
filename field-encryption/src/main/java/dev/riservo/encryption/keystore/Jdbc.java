package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain blocking JDBC over the key database; every SQL failure is the key store unavailable. */
final class Jdbc {

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work done in one transaction on one connection. */
  @FunctionalInterface
  interface Transaction<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection connection = dataSource.getConnection()) {
      return query(connection, sql, binder, mapper);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static <T> List<T> query(Connection connection, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  static int update(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    }
  }

  void run(String sql, Binder binder) {
    withStatement(
        sql,
        ps -> {
          binder.bind(ps);
          ps.executeUpdate();
        });
  }

  /** Prepares {@code sql} and hands the statement to {@code work}, which binds and executes. */
  void withStatement(String sql, Binder work) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      work.bind(ps);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T inTransaction(Transaction<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  static KeyStoreUnavailableException unavailable(SQLException e) {
    return new KeyStoreUnavailableException(
        "the key database is not available (SQL state " + e.getSQLState() + ")", e);
  }
}
