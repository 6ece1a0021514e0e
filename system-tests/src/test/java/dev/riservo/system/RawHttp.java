package dev.riservo.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection. Hostile requests need what ordinary
 * clients refuse to send: malformed percent escapes and raw bytes in a path, invalid UTF-8 in a
 * body, no {@code Content-Type} at all. The request target and the body go out exactly as given.
 */
final class RawHttp {

  private static final int TIMEOUT_MS = 30_000;

  private RawHttp() {}

  /** A request: {@code target} is the raw path and query, sent as is (ISO-8859-1 bytes). */
  record Request(String method, String target, List<String[]> headers, byte[] body) {

    /** The request line and body, shortened, for a failure message. */
    String describe() {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + excerpt(target, 300)
          + (text.isEmpty() ? "" : " body: " + excerpt(text, 400))
          + headers.stream()
              .filter(h -> !h[0].equalsIgnoreCase("Authorization"))
              .map(h -> " [" + h[0] + ": " + excerpt(h[1], 80) + "]")
              .reduce("", String::concat);
    }
  }

  /** An answer: status, headers (names in lower case, the last value wins) and body. */
  record Response(int status, Map<String, String> headers, byte[] body) {

    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Response send(String base, Request request) throws IOException {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
      head.append("Connection: close\r\n");
      for (String[] header : request.headers()) {
        head.append(header[0]).append(": ").append(header[1]).append("\r\n");
      }
      if (request.body() != null) {
        head.append("Content-Length: ").append(request.body().length).append("\r\n");
      }
      head.append("\r\n");
      IOException writeFailure = null;
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.body() != null) {
          out.write(request.body());
        }
        out.flush();
      } catch (IOException e) {
        // A server may answer (413) and close before it read the whole body: read that answer.
        writeFailure = e;
      }
      try {
        return parse(readAll(socket.getInputStream()));
      } catch (IOException e) {
        if (writeFailure != null) {
          e.addSuppressed(writeFailure);
        }
        throw e;
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      if (all.size() == 0) {
        throw new SocketTimeoutException("no answer within " + TIMEOUT_MS + " ms");
      }
    } catch (IOException e) {
      if (all.size() == 0) {
        throw e; // reset before any answer
      }
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IOException("no complete answer: " + excerpt(new String(raw), 200));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(body, start, Math.min(size, body.length - start));
      at = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    return indexOf(data, pattern, 0);
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String excerpt(String text, int max) {
    String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + ")";
  }
}
