package dev.riservo.consent.notifications;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
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
    Retrying load = new Retrying(what + " (re)loading", onSubscribed);
    subscriber.channel(channel).handler(handler::accept).subscribeHandler(v -> load.start());
    subscriber.closeHandler(v -> onClosed.run());
    subscribers.add(subscriber);
    subscriber
        .connect()
        .onFailure(e -> Log.warnf("%s listener not connected yet: %s", what, e.getMessage()));
  }

  /**
   * Runs blocking work on a worker thread; a failure, an {@link Error} such as running out of
   * memory included, is logged as an error (by class, not message: a message may quote data).
   */
  public void blocking(String what, Blocking work) {
    onWorker(work).onFailure(e -> Log.errorf("%s failed: %s", what, e.getClass().getName()));
  }

  /** Runs the work on a worker thread (unordered); the future fails with whatever it throws. */
  private Future<Void> onWorker(Blocking work) {
    return vertx.executeBlocking(
        () -> {
          work.run();
          return null;
        },
        false);
  }

  /** The longest pause between two tries of a load that keeps failing. */
  static final long LONGEST_PAUSE_MILLIS = 60_000;

  /**
   * A load that must succeed for the state it fills to be ready: run on a worker, and after a
   * failure (an {@link Error} included) logged as an error and tried again, after 1, 2, 4 ... up to
   * 60 s, until it succeeds. A new start (the listener reconnected) replaces a pending retry.
   */
  private final class Retrying {
    private final String what;
    private final Blocking work;
    private long timer = -1;
    private int failures;

    Retrying(String what, Blocking work) {
      this.what = what;
      this.work = work;
    }

    synchronized void start() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      run();
    }

    private void run() {
      onWorker(work).onSuccess(ignored -> succeeded()).onFailure(this::failed);
    }

    private synchronized void succeeded() {
      failures = 0;
    }

    private synchronized void failed(Throwable e) {
      long pause = Math.min(LONGEST_PAUSE_MILLIS, 1000L << Math.min(failures, 16));
      failures++;
      Log.errorf(
          "%s failed (%s, %d in a row); trying again in %d s",
          what, e.getClass().getName(), failures, pause / 1000);
      timer =
          vertx.setTimer(
              pause,
              id -> {
                synchronized (this) {
                  timer = -1;
                }
                run();
              });
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    subscribers.forEach(PgSubscriber::close);
  }
}
