package dev.riservo.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests an ordinary client will not send as they
 * are: headers that announce a large body which never follows (the gateway must judge the declared
 * Content-Length before reading anything), or a chunked body. The answer is read until its
 * Content-Length or until the gateway closes the connection.
 */
final class RawHttp {

  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  static Answer exchange(URL base, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /** One exchange from the given loopback source address. */
  static Answer exchangeFrom(URL base, String sourceAddress, String head) throws IOException {
    try (Socket socket = connect(base, sourceAddress)) {
      send(socket, head);
      return read(socket.getInputStream());
    }
  }

  /** A connection from the given loopback source address (each test's clients have their own). */
  static Socket connect(URL base, String sourceAddress) throws IOException {
    Socket socket =
        new Socket(
            java.net.InetAddress.getByName(base.getHost()),
            base.getPort(),
            java.net.InetAddress.getByName(sourceAddress),
            0);
    socket.setSoTimeout(20_000);
    return socket;
  }

  static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /**
   * Whether the gateway closes the connection within the bound, reading (and dropping) whatever it
   * sends first.
   */
  static boolean closedWithin(Socket socket, long boundMillis) throws IOException {
    long deadline = System.nanoTime() + boundMillis * 1_000_000;
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (java.net.SocketTimeoutException e) {
        return false;
      } catch (java.net.SocketException reset) {
        return true;
      }
    }
    return false;
  }

  static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (status < 200) {
      // an interim answer (100 Continue) has no body
    } else if (length != null) {
      body.write(in.readNBytes(Integer.parseInt(length)));
    } else {
      in.transferTo(body);
    }
    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer after: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
