package dev.riservo.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riservo.system.OpenApiWalker.Operation;
import dev.riservo.system.OpenApiWalker.Param;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The valid request of one operation and hostile variants of it, one per kind of hostility and
 * place: every path and query parameter, the declared headers, the body as a whole, its content
 * type, and every property of its schema (nested ones included) by the property's type.
 */
final class HostileVariants {

  /** A request to send, relative to a service: the target is its path and query, raw. */
  record Draft(String target, List<String[]> headers, byte[] body) {}

  /** A named request. */
  record Variant(String name, Draft draft) {}

  /** One hostile value, as the raw bytes put where a valid value was. */
  record Value(String name, byte[] raw) {
    static Value of(String name, String raw) {
      return new Value(name, raw.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final String MARKER = "@@walk-hostile@@";
  private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

  private final Operation operation;
  private final ExampleValues examples;
  private final WalkFixtures fixtures;
  private final java.util.Map<String, String> pathValues = new java.util.LinkedHashMap<>();
  private final List<String[]> query = new ArrayList<>();
  private final String contentType;
  private final JsonNode jsonBody;
  private final byte[] body;

  HostileVariants(Operation operation, ExampleValues examples, WalkFixtures fixtures) {
    this.operation = operation;
    this.examples = examples;
    this.fixtures = fixtures;
    for (Param p : operation.params("path")) {
      String fixture = fixtures.pathValue(operation.method(), operation.path(), p.name());
      String value =
          fixture != null
              ? fixture
              : operation.method().equals("GET") && p.example() != null
                  ? p.example().asText()
                  : ExampleValues.string(p.schema());
      pathValues.put(p.name(), encode(value));
    }
    for (Param p : operation.params("query")) {
      String value = queryValue(p);
      if (value != null) {
        query.add(new String[] {p.name(), encode(value)});
      }
    }
    contentType = operation.mediaType();
    if (contentType == null) {
      jsonBody = null;
      body = null;
    } else if (isJson()) {
      jsonBody = examples.of(operation.bodySchema());
      body = utf8(jsonBody.toString());
    } else {
      jsonBody = null;
      body = utf8(textBody());
    }
  }

  private boolean isJson() {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  private String queryValue(Param p) {
    String hinted =
        switch (p.name()) {
          case "consultedOn" -> java.time.LocalDate.now().minusDays(1).toString();
          case "campaign" -> fixtures.campaign;
          default -> null;
        };
    if (hinted != null || !p.required()) {
      return hinted;
    }
    return p.example() != null ? p.example().asText() : ExampleValues.string(p.schema());
  }

  /** A text upload: the CSV shape the register and scrub uploads document (a number column). */
  private String textBody() {
    String digits = fixtures.phone.replace(" ", "");
    return "number,registered,registered_on,reallowed\n" + digits + ",false,,false\n";
  }

  /** The valid request and every variant. */
  List<Variant> all() {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("valid request", draft(pathValues, query, List.of(), body)));
    pathVariants(variants);
    queryVariants(variants);
    headerVariants(variants);
    if (contentType != null) {
      contentTypeVariants(variants);
      if (jsonBody != null) {
        new JsonBodyVariants(operation, examples, jsonBody, this::withBody).addTo(variants);
      } else {
        textBodyVariants(variants);
      }
    }
    return variants;
  }

  private Variant withBody(String name, byte[] newBody) {
    return new Variant(name, draft(pathValues, query, List.of(), newBody));
  }

  private Draft draft(
      java.util.Map<String, String> path, List<String[]> q, List<String[]> extra, byte[] b) {
    return draft(path, q, extra, b, contentType);
  }

  private Draft draft(
      java.util.Map<String, String> path,
      List<String[]> q,
      List<String[]> extra,
      byte[] b,
      String type) {
    String target = operation.path();
    for (var p : path.entrySet()) {
      target = target.replace("{" + p.getKey() + "}", p.getValue());
    }
    StringBuilder t = new StringBuilder(target);
    for (int i = 0; i < q.size(); i++) {
      t.append(i == 0 ? '?' : '&').append(q.get(i)[0]).append('=').append(q.get(i)[1]);
    }
    List<String[]> headers = new ArrayList<>(extra);
    if (b != null && type != null) {
      headers.add(new String[] {"Content-Type", type});
    }
    return new Draft(t.toString(), headers, b);
  }

  // ---- path and query parameters: values already percent-encoded, sent as they are ----

  private static final List<String[]> PATH_VALUES =
      List.of(
          new String[] {"NUL byte (%00)", "%00"},
          new String[] {"NUL inside (walk%00)", "walk%00x"},
          new String[] {"invalid UTF-8 (%C3%28)", "%C3%28%FF"},
          new String[] {"malformed escape (%ZZ)", "%ZZ"},
          new String[] {"lone percent", "%"},
          new String[] {"encoded slash (%2F)", "a%2Fb"},
          new String[] {"encoded dot segment (%2e%2e)", "%2e%2e"},
          new String[] {"encoded backslash (%5C)", "a%5Cb"},
          new String[] {"emoji (%F0%9F%92%A9)", "%F0%9F%92%A9"},
          new String[] {"blank (%20)", "%20"},
          new String[] {"negative number", "-1"},
          new String[] {"huge number", "99999999999999999999999999"},
          new String[] {"quotes and angle brackets", "%27%22%3Cwalk%3E"},
          new String[] {"4,000 characters", "a".repeat(4000)});

  private void pathVariants(List<Variant> variants) {
    for (String name : pathValues.keySet()) {
      for (String[] value : PATH_VALUES) {
        var path = new java.util.LinkedHashMap<>(pathValues);
        path.put(name, value[1]);
        variants.add(
            new Variant("path {" + name + "}: " + value[0], draft(path, query, List.of(), body)));
      }
    }
  }

  private static final List<String[]> QUERY_VALUES =
      List.of(
          new String[] {"NUL byte", "%00"},
          new String[] {"invalid UTF-8", "%C3%28%FF"},
          new String[] {"malformed escape", "%ZZ"},
          new String[] {"empty", ""},
          new String[] {"not a date nor a number", "walk"},
          new String[] {"year -1000000000", "-1000000000-01-01T00%3A00%3A00Z"},
          new String[] {"year +294277", "%2B294277-01-01T00%3A00%3A00Z"},
          new String[] {"date -999999999-01-01", "-999999999-01-01"},
          new String[] {"date +999999999-12-31", "%2B999999999-12-31"},
          new String[] {"day 0000-00-00", "0000-00-00"},
          new String[] {"huge number", "99999999999999999999999999"},
          new String[] {"2,000 characters", "a".repeat(2000)});

  private void queryVariants(List<Variant> variants) {
    for (Param p : operation.params("query")) {
      for (String[] value : QUERY_VALUES) {
        List<String[]> q = new ArrayList<>(query);
        q.removeIf(e -> e[0].equals(p.name()));
        q.add(new String[] {p.name(), value[1]});
        variants.add(
            new Variant(
                "query " + p.name() + ": " + value[0], draft(pathValues, q, List.of(), body)));
      }
      List<String[]> twice = new ArrayList<>(query);
      twice.add(new String[] {p.name(), "walk"});
      twice.add(new String[] {p.name(), "walk2"});
      variants.add(
          new Variant(
              "query " + p.name() + ": given twice", draft(pathValues, twice, List.of(), body)));
    }
    List<String[]> unknown = new ArrayList<>(query);
    unknown.add(new String[] {"walk%00", "%00%C3%28"});
    variants.add(
        new Variant(
            "unknown query parameter with NUL and bad UTF-8",
            draft(pathValues, unknown, List.of(), body)));
    List<String[]> malformed = new ArrayList<>(query);
    malformed.add(new String[] {"walk", "%ZZ"});
    variants.add(
        new Variant(
            "unknown query parameter with a malformed escape (%ZZ)",
            draft(pathValues, malformed, List.of(), body)));
  }

  private static final java.util.Set<String> FRAMING_HEADERS =
      java.util.Set.of("content-length", "transfer-encoding", "content-type", "host", "connection");

  private void headerVariants(List<Variant> variants) {
    variants.add(
        new Variant(
            "Accept: application/xml",
            draft(
                pathValues,
                query,
                List.<String[]>of(new String[] {"Accept", "application/xml"}),
                body)));
    for (Param p : operation.params("header")) {
      if (FRAMING_HEADERS.contains(p.name().toLowerCase(Locale.ROOT))) {
        continue; // the HTTP codec's, not the application's (a resource may still declare one)
      }
      for (String[] value :
          List.of(
              new String[] {"1,000 characters", "k".repeat(1000)},
              new String[] {"Latin-1 bytes", "walk-\u00ff\u00e9"},
              new String[] {"blank", " "})) {
        variants.add(
            new Variant(
                "header " + p.name() + ": " + value[0],
                draft(
                    pathValues,
                    query,
                    List.<String[]>of(new String[] {p.name(), value[1]}),
                    body)));
      }
    }
  }

  private void contentTypeVariants(List<Variant> variants) {
    List<String[]> types =
        new ArrayList<>(
            List.of(
                new String[] {"none", null},
                new String[] {"text/plain", "text/plain"},
                new String[] {"application/xml", "application/xml"},
                new String[] {"form", "application/x-www-form-urlencoded"},
                new String[] {"multipart without boundary", "multipart/form-data"},
                new String[] {"malformed", "walk;;;=="},
                new String[] {"UTF-16 charset on UTF-8 bytes", contentType + "; charset=UTF-16"},
                new String[] {"unknown charset", contentType + "; charset=walk-8"}));
    if (!isJson()) {
      types.add(new String[] {"application/json", "application/json"});
    }
    for (String[] type : types) {
      variants.add(
          new Variant(
              "Content-Type " + type[0], draft(pathValues, query, List.of(), body, type[1])));
    }
  }

  private void textBodyVariants(List<Variant> variants) {
    String header = "number,registered,registered_on,reallowed\n";
    String digits = fixtures.phone.replace(" ", "");
    variants.add(withBody("text body: empty", new byte[0]));
    variants.add(
        withBody("text body: NUL in a line", utf8(header + digits + "\u0000,false,,false\n")));
    variants.add(
        withBody(
            "text body: invalid UTF-8 in a line",
            concat(utf8(header), BAD_UTF8, utf8(",false,,false\n"))));
    variants.add(
        withBody(
            "text body: byte-order mark",
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body)));
    variants.add(
        withBody("text body: one 200,000-character line", utf8(header + "9".repeat(200_000))));
    variants.add(withBody("text body: 5,000 columns", utf8(header + ",".repeat(5000) + "\n")));
    for (String day : List.of("-999999999-01-01", "+999999999-12-31", "0000-00-00")) {
      variants.add(
          withBody("text body: date " + day, utf8(header + digits + ",true," + day + ",false\n")));
    }
    variants.add(
        withBody("text body: CR only line ends", utf8(header.replace('\n', '\r') + digits + "\r")));
  }

  // ---- helpers ----

  static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The body with the value at {@code at} (an object) under {@code name} replaced by raw bytes. */
  static byte[] withRaw(JsonNode root, ObjectNode at, String name, byte[] raw) {
    at.put(name, MARKER);
    String text;
    try {
      text = OpenApiWalker.JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int i = text.indexOf("\"" + MARKER + "\"");
    return concat(utf8(text.substring(0, i)), raw, utf8(text.substring(i + MARKER.length() + 2)));
  }
}
