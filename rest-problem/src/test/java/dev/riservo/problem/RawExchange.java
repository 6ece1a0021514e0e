package dev.riservo.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a socket, for requests an HTTP client refuses to send ({@code GET /probe/%ZZ}): writes
 * them as they are and reads until the server closes, or a pause of two seconds.
 */
final class RawExchange {

  private RawExchange() {}

  /** Everything the server answered to the raw request bytes (ISO-8859-1, as sent). */
  static String send(URI server, String request) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          answer.write(buffer, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // kept open: what came so far is the answer
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  /** A GET of the target, on a connection the client closes after the answer. */
  static String get(URI server, String target) throws IOException {
    return send(
        server, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  }

  /** The status code of the first answer in the text. */
  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  /** The value of the first answer's header, or "" (names compared without case). */
  static String header(String answer, String name) {
    String head = answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0));
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "";
  }

  /** The first answer's body (one answer with a Content-Length). */
  static String body(String answer) {
    int start = answer.indexOf("\r\n\r\n") + 4;
    String length = header(answer, "Content-Length");
    return length.isEmpty()
        ? answer.substring(start)
        : answer.substring(start, Math.min(answer.length(), start + Integer.parseInt(length)));
  }
}
