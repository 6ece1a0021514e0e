package dev.riservo.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Native SQL run on whichever connection carries the caller's transaction: the Hibernate Reactive
 * session's ({@link #ofSession()}), or a connection of the reactive pool taken directly ({@link
 * #on(SqlClient)}) by the lean write path of consent recording. A statement is written once, with
 * PostgreSQL's {@code $1} placeholders, and runs on either.
 */
public interface NativeStatements {

  /** Runs a statement and answers how many rows it changed (or returned, for a SELECT). */
  Uni<Integer> update(String sql, Object... params);

  /** Runs a query and answers its rows, each as its column values in order. */
  Uni<List<Object[]>> rows(String sql, Object... params);

  /** The current Hibernate Reactive session's connection (its transaction, if one is open). */
  static NativeStatements ofSession() {
    return SessionStatements.INSTANCE;
  }

  /**
   * A connection of the reactive pool (its transaction, if one is open), or the pool itself (each
   * statement on whichever connection is free, in no transaction).
   */
  static NativeStatements on(SqlClient client) {
    return new ConnectionStatements(client);
  }

  /** Through the Hibernate Reactive session: {@code $n} placeholders become {@code ?n}. */
  final class SessionStatements implements NativeStatements {
    private static final SessionStatements INSTANCE = new SessionStatements();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    @Override
    public Uni<Integer> update(String sql, Object... params) {
      return Panache.getSession()
          .chain(
              session -> {
                var query = session.createNativeQuery(hibernate(sql));
                for (int i = 0; i < params.length; i++) {
                  query.setParameter(i + 1, params[i]);
                }
                return query.executeUpdate();
              });
    }

    @Override
    public Uni<List<Object[]>> rows(String sql, Object... params) {
      return Panache.getSession()
          .chain(
              session -> {
                var query = session.createNativeQuery(hibernate(sql), Object[].class);
                for (int i = 0; i < params.length; i++) {
                  query.setParameter(i + 1, params[i]);
                }
                return query.getResultList();
              });
    }

    private static String hibernate(String sql) {
      return PLACEHOLDER.matcher(sql).replaceAll("?$1");
    }
  }

  /** Straight on a pooled connection (or the pool), prepared once per connection. */
  record ConnectionStatements(SqlClient connection) implements NativeStatements {

    @Override
    public Uni<Integer> update(String sql, Object... params) {
      return connection.preparedQuery(sql).execute(tuple(params)).map(rows -> rows.rowCount());
    }

    @Override
    public Uni<List<Object[]>> rows(String sql, Object... params) {
      return connection
          .preparedQuery(sql)
          .execute(tuple(params))
          .map(
              rows -> {
                List<Object[]> values = new ArrayList<>(rows.size());
                for (Row row : rows) {
                  Object[] columns = new Object[row.size()];
                  for (int i = 0; i < columns.length; i++) {
                    columns[i] = row.getValue(i);
                  }
                  values.add(columns);
                }
                return values;
              });
    }

    /** The reactive client takes timestamps as {@link OffsetDateTime}, not {@link Instant}. */
    private static Tuple tuple(Object... params) {
      List<Object> values = new ArrayList<>(params.length);
      for (Object param : params) {
        values.add(param instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : param);
      }
      return Tuple.from(values);
    }
  }
}
