package dev.riservo.problem;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The Netty side of {@link UndecodableRequestLines}: handlers that put one check between Vert.x's
 * HTTP/1.x request decoder and its connection handler, on every connection.
 *
 * <p>Quarkus' root handler refuses a request whose target {@code java.net.URI} cannot parse (a
 * {@code %} not followed by two hex digits, a {@code |} or {@code "}) with a bare 400 and no body,
 * before any route or filter runs, and nothing can be hooked in front of it at the Vert.x level. So
 * the check applies the same rule to the decoded request line, a step earlier, and gives such a
 * request the target {@link #PATH} instead: the request then travels the ordinary way (pipelining,
 * keep-alive, access log, the gateway's request id and security headers) and a route answers it
 * with a problem document. The raw target is dropped there, so it reaches no log.
 *
 * <p>HTTP/1.x only, plain or TLS: Riservo serves no HTTP/2 (no TLS at the services, and no client
 * uses h2c), whose requests reach Quarkus' check without passing here.
 */
final class RequestLineCheck {

  /** Where an undecodable request is sent instead; its route answers 400. */
  static final String PATH = "/riservo-problem/undecodable-request-line";

  /** Where a request Netty could not decode at all is sent: a line or headers too long, or junk. */
  static final String TOO_LONG_LINE = "/riservo-problem/request-line-too-long";

  static final String TOO_LARGE_HEADERS = "/riservo-problem/request-headers-too-large";

  static final String UNREADABLE = "/riservo-problem/unreadable-request";

  /** Netty's name of Vert.x's decoder and connection handler in a connection's pipeline. */
  private static final String DECODER = "httpDecoder";

  private static final String VERTX_HANDLER = "handler";

  private static final String SETUP_NAME = "riservo-request-line-setup";

  static final ChannelHandler ACCEPTOR = new Acceptor();
  private static final ChannelHandler SETUP = new Setup();
  private static final ChannelHandler CHECK = new Check();

  private RequestLineCheck() {}

  /** Quarkus' own rule ({@code VertxHttpRecorder}'s {@code uriValid}): the target parses. */
  static boolean decodable(String target) {
    if (target == null) {
      return false;
    }
    try {
      new URI(target);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Puts the check in a pipeline whose HTTP/1.x handlers are all there; whether it could. */
  private static boolean place(ChannelPipeline pipeline) {
    if (pipeline.get(VERTX_HANDLER) == null) {
      return false; // not all there yet
    }
    if (pipeline.get(DECODER) != null && pipeline.get(Check.class) == null) {
      pipeline.addBefore(VERTX_HANDLER, "riservo-request-line-check", CHECK);
    }
    return true; // HTTP/1.x checked from here on, or HTTP/2: nothing to do
  }

  /**
   * First in the listening channel's pipeline: each accepted connection gets the setup handler,
   * before Vert.x's initializer, which runs when the connection registers.
   */
  @ChannelHandler.Sharable
  private static final class Acceptor extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      if (message instanceof Channel connection) {
        connection.pipeline().addLast(SETUP_NAME, SETUP);
      }
      context.fireChannelRead(message);
    }
  }

  /**
   * Stays last in the connection's pipeline until Vert.x's HTTP/1.x handlers are all there, then
   * places the check and leaves. With h2c on (Quarkus' default), Vert.x adds them in steps: the
   * decoder when the first bytes show HTTP/1.x, its connection handler when the first request is
   * decoded (so an upgrade to HTTP/2 could still come first). Each step adds them at the end, after
   * this handler, so the bytes or the request that caused the step reach it next.
   */
  @ChannelHandler.Sharable
  private static final class Setup extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRegistered(ChannelHandlerContext context) {
      // Vert.x's initializer ran just before: the pipeline holds what it put there
      context.fireChannelRegistered();
      settle(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      settle(context);
      // the context keeps its place in the chain when removed: the message goes on from here
      context.fireChannelRead(message);
    }

    private void settle(ChannelHandlerContext context) {
      ChannelPipeline pipeline = context.pipeline();
      boolean placed = place(pipeline);
      pipeline.remove(this);
      if (!placed) {
        pipeline.addLast(SETUP_NAME, this);
      }
    }
  }

  /**
   * Sends a request with an undecodable target to {@link #PATH}; and one Netty could not decode (a
   * request line or headers over the limits, which Vert.x would answer with a bare 414, 431 or 400)
   * to the path that answers its problem. Netty reads nothing more on such a connection; the answer
   * closes it.
   */
  @ChannelHandler.Sharable
  private static final class Check extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      if (message instanceof HttpRequest request) {
        if (request.decoderResult().isFailure()) {
          Throwable cause = request.decoderResult().cause();
          request.setDecoderResult(DecoderResult.SUCCESS);
          // what was read of the headers is dropped; HTTP/1.1 needs a Host to route at all
          request.headers().clear().set(HttpHeaderNames.HOST, "localhost");
          request.setUri(
              cause instanceof TooLongHttpLineException
                  ? TOO_LONG_LINE
                  : cause instanceof TooLongHttpHeaderException ? TOO_LARGE_HEADERS : UNREADABLE);
        } else if (!decodable(request.uri())) {
          request.setUri(PATH);
        }
      }
      context.fireChannelRead(message);
    }
  }
}
