package dev.riservo.gateway.connections;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection's clock, first in its Netty pipeline (before Vert.x parses anything): the
 * connection is closed if a request's headers are not complete within the header timeout (counted
 * from the connection, or from the first byte of a kept-alive connection's next request), or if it
 * stays idle between an answer and the next request longer than the idle timeout. Connections over
 * the per-address cap are closed at once.
 *
 * <p>The gateway's first route handler tells the guard when a request's headers are complete
 * ({@link #requestStarted}) and its last one when the answer has gone ({@link #responseEnded}).
 * Everything runs on the connection's event loop.
 */
public final class ConnectionGuard extends ChannelDuplexHandler {

  private static final AttributeKey<ConnectionGuard> KEY =
      AttributeKey.valueOf("riservo.connection-guard");

  /** Where the connection is in its request/answer cycle. */
  private enum State {
    /** Waiting for a request's headers to be complete. */
    HEADERS,
    /** A request is being served: the request layer has the clock (body timeout, upstream). */
    REQUEST,
    /** Answered; waiting for the next request's first byte. */
    IDLE,
    /** HTTP/2: many requests at once; Quarkus' idle timeout applies. */
    MULTIPLEXED
  }

  private final ConnectionGuards guards;
  private ChannelHandlerContext context;
  private State state = State.HEADERS;
  private ScheduledFuture<?> timer;
  private InetAddress address;
  private boolean closeAfterResponse;

  ConnectionGuard(ConnectionGuards guards) {
    this.guards = guards;
  }

  /** The request's headers are complete (the gateway's first handler has it). */
  public static void requestStarted(Channel channel, boolean multiplexed) {
    ConnectionGuard guard = channel.attr(KEY).get();
    if (guard != null) {
      guard.cancel();
      guard.state = multiplexed ? State.MULTIPLEXED : State.REQUEST;
    }
  }

  /** The answer has gone: the connection is idle until the next request's first byte. */
  public static void responseEnded(Channel channel) {
    ConnectionGuard guard = channel.attr(KEY).get();
    if (guard == null || guard.state != State.REQUEST) {
      return;
    }
    if (guard.closeAfterResponse) {
      guard.guards.count("body-timeout");
      guard.context.close();
      return;
    }
    guard.state = State.IDLE;
    guard.arm(guard.guards.idleTimeout(), "idle-timeout");
  }

  /**
   * Closes the connection once the current answer has gone (the request was not read in full: its
   * remaining bytes must not be taken for the next request).
   */
  public static void closeAfterResponse(Channel channel) {
    ConnectionGuard guard = channel.attr(KEY).get();
    if (guard != null) {
      guard.closeAfterResponse = true;
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.context = context;
    context.channel().attr(KEY).set(this);
  }

  @Override
  public void channelActive(ChannelHandlerContext context) throws Exception {
    if (context.channel().remoteAddress() instanceof InetSocketAddress remote) {
      InetAddress candidate = remote.getAddress();
      if (!guards.admit(candidate)) {
        context.fireChannelActive();
        guards.count("too-many-connections");
        context.close();
        return;
      }
      address = candidate;
    }
    arm(guards.headerTimeout(), "header-timeout");
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    if (state == State.IDLE) {
      state = State.HEADERS;
      arm(guards.headerTimeout(), "header-timeout");
    }
    context.fireChannelRead(message);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) throws Exception {
    cancel();
    if (address != null) {
      guards.release(address);
      address = null;
    }
    context.fireChannelInactive();
  }

  private void arm(Duration after, String reason) {
    cancel();
    timer =
        context
            .executor()
            .schedule(
                () -> {
                  guards.count(reason);
                  context.close();
                },
                after.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
