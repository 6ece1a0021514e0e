package dev.riservo.encryption.keystore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Relays the subject references of keys destroyed by any replica (shredded or discarded), heard
 * through PostgreSQL LISTEN on the key database, so every replica evicts them from its caches.
 */
final class KeyEvents implements AutoCloseable {

  /** The NOTIFY channel; its payload is the subject reference whose key is gone. */
  static final String CHANNEL = "riservo_key_shredded";

  private static final Logger LOG = Logger.getLogger(KeyEvents.class);

  private final DataSource dataSource;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private Thread listener;
  private volatile boolean closed;

  KeyEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Starts (once) a listener thread that relays what any replica announces. */
  synchronized void add(Consumer<String> consumer) {
    listeners.add(consumer);
    if (listener == null) {
      listener = new Thread(this::listen, "riservo-key-shred-listener");
      listener.setDaemon(true);
      listener.start();
    }
  }

  private void listen() {
    long backoff = 500;
    while (!closed) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
        org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
        backoff = 500;
        while (!closed) {
          org.postgresql.PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null) {
            for (org.postgresql.PGNotification notification : notifications) {
              listeners.forEach(l -> l.accept(notification.getParameter()));
            }
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warnf("key shred listener lost its connection (%s); retrying", e.getSQLState());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (listener != null) {
      listener.interrupt();
    }
  }
}
