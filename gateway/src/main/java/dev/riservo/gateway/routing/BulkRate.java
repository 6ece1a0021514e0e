package dev.riservo.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The least a bulk upload (streamed to its service as it comes) must send per window: a stream
 * slower than that is cut, its connection closed (the proxy then resets the service's request), so
 * a slow client cannot hold a service connection for the whole bulk timeout.
 */
final class BulkRate {

  private BulkRate() {}

  static void watch(Vertx vertx, HttpServerRequest request, long minBytes, long windowMillis) {
    long[] last = {request.bytesRead()};
    vertx.setPeriodic(
        windowMillis,
        timer -> {
          if (request.isEnded() || request.response().ended() || request.response().closed()) {
            vertx.cancelTimer(timer);
            return;
          }
          long read = request.bytesRead();
          if (read - last[0] < minBytes) {
            vertx.cancelTimer(timer);
            request.connection().close();
            return;
          }
          last[0] = read;
        });
  }
}
