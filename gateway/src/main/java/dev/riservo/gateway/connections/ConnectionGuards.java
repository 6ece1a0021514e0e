package dev.riservo.gateway.connections;

import dev.riservo.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Metrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a {@link ConnectionGuard} on every connection the gateway's HTTP server accepts, and keeps
 * the count of open connections per source address.
 *
 * <p>Neither Vert.x nor Quarkus has a hook for a connection before its first request is parsed
 * (Quarkus keeps the server's connection handler for itself), and no header-read timeout. So once
 * the server listens (Quarkus tells its observers asynchronously, at once), a handler goes in front
 * of its listening channel's pipeline, where Netty hands over each accepted connection, and adds
 * the guard first in the connection's own pipeline. Finding that listening channel means reading
 * two private fields of Vert.x's server ({@code options}, {@code bindFuture}); the gateway's tests
 * fail if an upgrade moves them.
 */
@ApplicationScoped
public class ConnectionGuards {

  private final Duration headerTimeout;
  private final Duration idleTimeout;
  private final int maxPerAddress;
  private final Set<InetAddress> uncapped;
  private final ConcurrentMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
  private final ChannelHandler acceptor = new Acceptor();

  public ConnectionGuards(GatewayConfig config) {
    this.headerTimeout = config.clients().headerTimeout();
    this.idleTimeout = config.clients().idleTimeout();
    this.maxPerAddress = config.clients().maxConnectionsPerAddress();
    this.uncapped = addresses(config.clients().uncappedAddresses().orElse(List.of()));
  }

  void install(@ObservesAsync HttpServerStart start, Vertx vertx) {
    int guarded = 0;
    for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
      try {
        HttpServerOptions options =
            (HttpServerOptions) field(HttpServerImpl.class, "options", server);
        if (!options.toJson().equals(start.options().toJson())) {
          continue; // another server (the management interface)
        }
        @SuppressWarnings("unchecked")
        io.vertx.core.Future<Channel> bound =
            (io.vertx.core.Future<Channel>) field(TCPServerBase.class, "bindFuture", server);
        if (bound != null
            && bound.succeeded()
            && bound.result().pipeline().get(Acceptor.class) == null) {
          bound.result().pipeline().addFirst("riservo-connection-guards", acceptor);
          guarded++;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        Log.errorf("connection guard not installed: %s", e.getClass().getSimpleName());
      }
    }
    if (guarded == 0) {
      Log.error(
          "connection guard not installed: no listening server found (slow clients unguarded)");
    } else {
      Log.infof(
          "connection guard: headers within %s, idle %s, %d connections per address",
          headerTimeout, idleTimeout, maxPerAddress);
    }
  }

  Duration headerTimeout() {
    return headerTimeout;
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  /** One more connection from the address, unless it has its fill. */
  boolean admit(InetAddress address) {
    if (uncapped.contains(address)) {
      return true;
    }
    AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > maxPerAddress) {
      release(address);
      return false;
    }
    return true;
  }

  void release(InetAddress address) {
    if (uncapped.contains(address)) {
      return;
    }
    open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /** Connections closed by the guard, by reason (no address: that is personal data). */
  void count(String reason) {
    Metrics.counter("riservo.gateway.connections.closed", "reason", reason).increment();
  }

  private static Object field(Class<?> owner, String name, Object target)
      throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  private static Set<InetAddress> addresses(List<String> names) {
    Set<InetAddress> addresses = new HashSet<>();
    for (String name : names) {
      try {
        addresses.add(InetAddress.getByName(name.strip()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "riservo.gateway.clients.uncapped-addresses: " + name, e);
      }
    }
    return Set.copyOf(addresses);
  }

  /** In the listening channel's pipeline: each accepted connection gets its guard, first. */
  @ChannelHandler.Sharable
  private final class Acceptor extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      if (message instanceof Channel connection) {
        connection
            .pipeline()
            .addLast("riservo-connection-guard", new ConnectionGuard(ConnectionGuards.this));
      }
      context.fireChannelRead(message);
    }
  }
}
