package dev.riservo.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Receives a request's body whole before the request goes upstream, so that a client sending its
 * body slowly never holds a connection to a service (bodies here are at most {@code
 * riservo.http.max-body-size}: {@code BodyLimits} refused larger ones and those of unknown length).
 * A body not received within the body timeout fails the exchange with {@link ClientFault}.
 */
final class BufferedBody implements ProxyInterceptor {

  /** The client's doing, not the upstream's: too slow a body, or a connection gone mid-body. */
  static final class ClientFault extends RuntimeException {
    final boolean timedOut;

    ClientFault(boolean timedOut) {
      super(timedOut ? "request body too slow" : "request body not received", null, false, false);
      this.timedOut = timedOut;
    }
  }

  private final Vertx vertx;
  private final long timeoutMillis;

  BufferedBody(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    HttpServerRequest request = context.request().proxiedRequest();
    if (request.isEnded()) {
      return context.sendRequest();
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // the gateway reads the body itself: it says "go on", and the service hears no Expect
      context.request().headers().remove(HttpHeaders.EXPECT);
      request.response().writeContinue();
    }
    Promise<Buffer> received = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, t -> received.tryFail(new ClientFault(true)));
    request
        .body()
        .onComplete(
            body -> {
              vertx.cancelTimer(timer);
              if (body.succeeded()) {
                received.tryComplete(body.result());
              } else {
                received.tryFail(new ClientFault(false));
              }
            });
    request.resume();
    return received
        .future()
        .compose(
            body -> {
              context.request().setBody(Body.body(body));
              return context.sendRequest();
            });
  }
}
