package dev.riservo.gateway.routing;

import dev.riservo.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Installs one proxied route per entry of the route table, each behind the edge token check. */
@ApplicationScoped
public class ProxyRoutes {

  private final GatewayConfig config;
  private final EdgeAuthentication edge;

  public ProxyRoutes(GatewayConfig config, EdgeAuthentication edge) {
    this.config = config;
    this.edge = edge;
  }

  void install(@Observes Router router, Vertx vertx) {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true));
    config
        .routes()
        .forEach(
            (name, route) -> {
              HttpProxy proxy =
                  HttpProxy.reverseProxy(client)
                      .origin(port(route), route.upstream().getHost())
                      .addInterceptor(new StripPrefix(route.prefix(), route.upstream().getPath()));
              // Internal contracts (service to service) are never reachable from outside.
              router.route(route.prefix() + "/internal/*").handler(EdgeAuthentication::notFound);
              router
                  .route(route.prefix() + "/*")
                  .handler(edge::requireIdentity)
                  .handler(context -> proxy.handle(context.request()));
              Log.infof("route %s: %s/* -> %s", name, route.prefix(), route.upstream());
            });
  }

  private static int port(GatewayConfig.Route route) {
    int port = route.upstream().getPort();
    if (port > 0) {
      return port;
    }
    return "https".equals(route.upstream().getScheme()) ? 443 : 80;
  }
}
