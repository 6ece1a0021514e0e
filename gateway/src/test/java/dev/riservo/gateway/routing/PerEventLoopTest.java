package dev.riservo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerEventLoopTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachEventLoopGetsItsOwnInstanceAndKeepsIt() throws Exception {
    AtomicInteger made = new AtomicInteger();
    PerEventLoop<Object> perLoop = new PerEventLoop<>(() -> "instance " + made.incrementAndGet());
    // Event-loop contexts are placed on the loops in turn: two made in a row are on different ones.
    VertxInternal internal = (VertxInternal) vertx;
    Context first = internal.createEventLoopContext();
    Context second = internal.createEventLoopContext();
    Object onFirst = on(first, perLoop);
    Object onSecond = on(second, perLoop);

    assertNotSame(onFirst, onSecond);
    assertSame(onFirst, on(first, perLoop));
    assertSame(onSecond, on(second, perLoop));
    assertEquals(3, made.get(), "one shared instance, and one for each of the two event loops");
  }

  @Test
  void offTheEventLoopsEveryoneSharesOne() {
    PerEventLoop<Object> perLoop = new PerEventLoop<>(Object::new);
    assertSame(perLoop.get(), perLoop.get());
  }

  private static Object on(Context context, PerEventLoop<Object> perLoop) throws Exception {
    CompletableFuture<Object> got = new CompletableFuture<>();
    context.runOnContext(ignored -> got.complete(perLoop.get()));
    return got.get(10, TimeUnit.SECONDS);
  }
}
