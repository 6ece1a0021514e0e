package dev.riservo.system;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riservo.system.HostileVariants.Variant;
import dev.riservo.system.OpenApiWalker.Operation;
import dev.riservo.system.OpenApiWalker.Service;
import dev.riservo.system.RawHttp.Request;
import dev.riservo.system.RawHttp.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad input gets a 4xx problem document, never a 5xx (issue 14, item 3; DESIGN "Conventions"), on
 * every operation every service declares in its OpenAPI document, sent directly and through the
 * gateway. Each operation's valid request is built from its schema, then varied one hostile value
 * at a time (wrong types, nulls, NUL bytes, invalid UTF-8, duplicate keys, huge and tiny numbers,
 * extreme dates, unknown fields, wrong content types, encoded path parameters). A new endpoint is
 * walked as soon as it is in a document; nobody writes its cases.
 *
 * <p>Every answer must be below 500, and every 4xx must be {@code application/problem+json} with
 * {@code type}, {@code title} and {@code status}. The walk writes its own data only (a purpose, a
 * notice, a campaign and a subject of its own); a body over the 1 MB limit is sent once per
 * service. Findings are also written to {@code target/hostile-input-findings.txt}.
 */
class HostileInputIT {

  static final List<Service> SERVICES =
      List.of(
          new Service("consent", WalkFixtures.CONSENT, "/api/consent"),
          new Service("rights", WalkFixtures.RIGHTS, "/api/rights"),
          new Service("notices", WalkFixtures.NOTICE, "/api/notices"));

  private static final List<String> FINDINGS = new CopyOnWriteArrayList<>();
  private static final Map<String, Integer> VALID_STATUS = new ConcurrentSkipListMap<>();

  /** Hostile variants answered 2xx: not failures (many are harmless), listed for a reader. */
  private static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();

  private static final AtomicInteger SENT = new AtomicInteger();
  private static long startedAt;

  @TestFactory
  Stream<DynamicNode> everyOperationAnswersHostileInputWithA4xxProblemNever5xx() throws Exception {
    startedAt = System.nanoTime();
    WalkFixtures fixtures = WalkFixtures.create();
    fixtures.problems.forEach(p -> System.out.println("[hostile-input] fixture not made: " + p));
    List<DynamicNode> services = new ArrayList<>();
    for (Service service : SERVICES) {
      OpenApiWalker walker = OpenApiWalker.load(service);
      ExampleValues examples = new ExampleValues(walker, fixtures.hints());
      List<Operation> operations = walker.operations(service);
      List<DynamicNode> nodes = new ArrayList<>();
      for (Operation operation : operations) {
        // Variants are made when the operation's turn comes, and dropped after it.
        Stream<DynamicTest> tests =
            Stream.of(operation)
                .flatMap(op -> new HostileVariants(op, examples, fixtures).all().stream())
                .flatMap(v -> Stream.of(test(operation, v, false), test(operation, v, true)));
        nodes.add(dynamicContainer(service.name() + " " + operation.label(), tests));
      }
      nodes.add(oversizeBody(service, operations));
      services.add(dynamicContainer(service.name(), nodes));
    }
    return services.stream();
  }

  /** A JSON body over the 1 MB limit, once per service: a 413 problem, directly and at the edge. */
  private static DynamicNode oversizeBody(Service service, List<Operation> operations) {
    // a JSON route the gateway forwards (not /internal), else any POST, else the first route
    Operation target =
        operations.stream()
            .filter(op -> op.mediaType() != null && op.mediaType().contains("json"))
            .filter(op -> !op.path().startsWith("/internal"))
            .findFirst()
            .or(() -> operations.stream().filter(op -> op.method().equals("POST")).findFirst())
            .orElse(operations.get(0));
    byte[] body = HostileVariants.utf8("{\"walk\":\"" + "w".repeat(1_100_000) + "\"}");
    String method = target.mediaType() == null ? "POST" : target.method();
    Operation sent =
        new Operation(
            service,
            method,
            target.path(),
            target.params(),
            "application/json",
            target.bodySchema(),
            target.roles());
    String path = target.path().replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/json"});
    Variant variant = new Variant("body over 1 MB", new HostileVariants.Draft(path, headers, body));
    return dynamicContainer(
        service.name() + " body over 1 MB",
        Stream.of(test(sent, variant, false), test(sent, variant, true)));
  }

  private static DynamicTest test(Operation op, Variant variant, boolean viaGateway) {
    String where = viaGateway ? "gateway" : "direct";
    String name = op.service().name() + " " + op.label() + " · " + where + " · " + variant.name();
    return dynamicTest(
        name,
        () -> {
          String base = viaGateway ? Stack.GATEWAY : op.service().direct();
          String target =
              (viaGateway ? op.service().gatewayPrefix() : "") + variant.draft().target();
          List<String[]> headers = new ArrayList<>();
          headers.add(new String[] {"Authorization", WalkFixtures.bearer(role(op))});
          headers.addAll(variant.draft().headers());
          Request request = new Request(op.method(), target, headers, variant.draft().body());
          Response response;
          try {
            SENT.incrementAndGet();
            response = RawHttp.send(base, request);
          } catch (IOException e) {
            record(name, "no answer: " + e, request);
            return;
          }
          if (variant.name().equals("valid request")) {
            VALID_STATUS.put(
                op.service().name() + " " + op.label() + " " + where, response.status());
          } else if (response.status() < 300) {
            ACCEPTED.add(response.status() + " " + name);
          }
          String problem = problemWith(response);
          if (problem != null) {
            record(name, problem, request);
          }
        });
  }

  private static void record(String name, String problem, Request request) {
    FINDINGS.add(name + "\n    " + problem + "\n    request: " + request.describe());
    fail(name + ": " + problem + "\n  request: " + request.describe());
  }

  /** The role to call with: the first the operation's security requirement names. */
  private static String role(Operation op) {
    return op.roles().isEmpty() ? "agent" : op.roles().get(0);
  }

  /** What is wrong with the answer, or null: a 5xx, or a 4xx that is no problem document. */
  static String problemWith(Response response) {
    int status = response.status();
    String summary =
        status + " " + response.contentType() + " " + RawHttp.excerpt(response.text(), 300);
    if (status >= 500) {
      return "server error: " + summary;
    }
    if (status < 400) {
      return null;
    }
    if (!response.contentType().startsWith("application/problem+json")) {
      return "4xx without a problem document: " + summary;
    }
    JsonNode problem;
    try {
      problem = OpenApiWalker.JSON.readTree(response.body());
    } catch (IOException e) {
      return "problem+json that is not JSON: " + summary;
    }
    if (problem == null
        || !problem.path("type").isTextual()
        || !problem.path("title").isTextual()
        || !problem.path("status").isInt()) {
      return "problem document without type, title and status: " + summary;
    }
    if (problem.get("status").asInt() != status) {
      return "problem document's status is not the answer's: " + summary;
    }
    return null;
  }

  @AfterAll
  static void report() throws IOException {
    long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
    StringBuilder out = new StringBuilder();
    out.append(
        "hostile-input walk: %d requests in %d s, %d findings%n"
            .formatted(SENT.get(), seconds, FINDINGS.size()));
    out.append("valid requests' statuses:\n");
    VALID_STATUS.forEach(
        (op, status) -> out.append("  ").append(status).append(' ').append(op).append('\n'));
    out.append("hostile variants answered 2xx (not failures; look for values kept wrongly):\n");
    ACCEPTED.forEach(a -> out.append("  ").append(a).append('\n'));
    out.append("findings:\n");
    FINDINGS.forEach(f -> out.append("  ").append(f).append('\n'));
    System.out.println(out);
    Path file = Path.of("target", "hostile-input-findings.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }
}
