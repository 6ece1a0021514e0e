package dev.riservo.consent.notifications;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PostgreSQL LISTEN for the in-memory state every replica keeps current (consent snapshots, the
 * number directory, the register, the dial ledger): one connection per channel, reconnecting every
 * 500 ms when it drops.
 */
@ApplicationScoped
public class PgListeners {

  /** Work that blocks (JDBC): run on a worker thread, never on the event loop. */
  public interface Blocking {
    void run() throws Exception;
  }

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();

  public PgListeners(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.vertx = vertx;
    this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
  }

  /**
   * Listens on {@code channel}. {@code handler} gets each payload on the event loop; {@code
   * onSubscribed} runs on a worker each time LISTEN is (re)established, since notifications sent
   * while the connection was down are lost; {@code onClosed} runs when the connection drops.
   */
  public void listen(
      String channel,
      String what,
      Consumer<String> handler,
      Blocking onSubscribed,
      Runnable onClosed) {
    PgSubscriber subscriber =
        PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
    subscriber
        .channel(channel)
        .handler(handler::accept)
        .subscribeHandler(v -> blocking(what + " (re)loading", onSubscribed));
    subscriber.closeHandler(v -> onClosed.run());
    subscribers.add(subscriber);
    subscriber
        .connect()
        .onFailure(e -> Log.warnf("%s listener not connected yet: %s", what, e.getMessage()));
  }

  /** Runs blocking work on a worker thread; a failure is logged (by class, not message). */
  public void blocking(String what, Blocking work) {
    vertx.executeBlocking(
        () -> {
          try {
            work.run();
          } catch (Exception e) {
            Log.warnf("%s failed: %s", what, e.getClass().getName());
          }
          return null;
        },
        false);
  }

  void stop(@Observes ShutdownEvent stop) {
    subscribers.forEach(PgSubscriber::close);
  }
}
