package dev.riservo.system.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for consent-service (not a test): records consents, then reads current states, and
 * prints throughput and p50/p99. Runs against a stack started with {@code ./riservo up}:
 *
 * <pre>
 * mvn -Psystem-tests -pl system-tests test-compile exec:java \
 *   -Dexec.mainClass=dev.riservo.system.load.ConsentLoadDriver -Dexec.classpathScope=test
 * </pre>
 *
 * Options (system properties): {@code load.consents} (5000), {@code load.concurrency} (32), {@code
 * load.readSeconds} (10), {@code load.service} (http://localhost:8081), {@code load.keycloak}
 * (http://localhost:8180).
 */
public final class ConsentLoadDriver {

  private static final Pattern SUBJECT = Pattern.compile("\"subjectRef\":\"([0-9a-f-]{36})\"");
  private static final String NOTICE_HASH = "a".repeat(64);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String service = System.getProperty("load.service", "http://localhost:8081");
  private final String keycloak = System.getProperty("load.keycloak", "http://localhost:8180");
  private final int concurrency = Integer.getInteger("load.concurrency", 32);

  public static void main(String[] args) throws Exception {
    new ConsentLoadDriver().run();
  }

  private void run() throws Exception {
    String admin = token("admin");
    String agent = token("agent");
    send(
        post(
            "/v1/purposes",
            admin,
            "{\"code\":\"load-telemarketing\",\"name\":\"Load test\",\"description\":\"Load\","
                + "\"legalBasis\":\"CONSENT\",\"category\":\"TELEMARKETING\",\"retentionDays\":30,"
                + "\"priorConsentRequired\":true}"));

    int consents = Integer.getInteger("load.consents", 5000);
    ConcurrentLinkedQueue<String> subjects = new ConcurrentLinkedQueue<>();
    warmUp(agent);
    Result recording =
        closedLoop(
            consents,
            i -> {
              String phone =
                  "+39347" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
              return post(
                  "/v1/consents",
                  agent,
                  "{\"subject\":{\"phone\":\""
                      + phone
                      + "\"},\"purpose\":\"load-telemarketing\",\"state\":\"GIVEN\","
                      + "\"channel\":\"CALL\",\"notice\":{\"id\":\"n-1\",\"hash\":\""
                      + NOTICE_HASH
                      + "\"},\"evidence\":{\"recordingId\":\"r-"
                      + i
                      + "\",\"offsetMs\":1000}}");
            },
            body -> {
              Matcher m = SUBJECT.matcher(body);
              if (m.find()) {
                subjects.add(m.group(1));
              }
            });
    print("record consent (POST /v1/consents)", recording);

    List<String> refs = new ArrayList<>(subjects);
    int readSeconds = Integer.getInteger("load.readSeconds", 10);
    Result baseline =
        timedLoop(
            readSeconds,
            i ->
                HttpRequest.newBuilder(URI.create(service + "/v1/whoami"))
                    .header("Authorization", "Bearer " + agent)
                    .build(),
            0);
    print("baseline: GET /v1/whoami (token check, no database)", baseline);
    Result peak = timedLoop(readSeconds, i -> read(agent, refs, i), 0);
    print("read current state, closed loop at " + concurrency + " in flight", peak);
    double half = peak.throughput() / 2;
    Result paced = timedLoop(readSeconds, i -> read(agent, refs, i), half);
    print(String.format("read current state, paced at %.0f/s (half of peak)", half), paced);
  }

  private HttpRequest read(String agent, List<String> refs, int i) {
    return HttpRequest.newBuilder(
            URI.create(service + "/v1/subjects/" + refs.get(i % refs.size()) + "/consents"))
        .header("Authorization", "Bearer " + agent)
        .GET()
        .build();
  }

  private void warmUp(String agent) throws Exception {
    for (int i = 0; i < 50; i++) {
      send(
          HttpRequest.newBuilder(URI.create(service + "/v1/purposes"))
              .header("Authorization", "Bearer " + agent)
              .build());
    }
  }

  // ------------------------------------------------------------------ loops ----

  interface Requests {
    HttpRequest request(int i);
  }

  interface Bodies {
    void accept(String body);
  }

  record Result(int requests, int errors, double seconds, long[] latenciesNanos) {
    double throughput() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  /** {@code total} requests with {@code concurrency} in flight. */
  private Result closedLoop(int total, Requests requests, Bodies bodies) throws Exception {
    Semaphore inFlight = new Semaphore(concurrency);
    long[] latencies = new long[total];
    AtomicInteger errors = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      inFlight.acquire();
      int n = i;
      long sent = System.nanoTime();
      all.add(
          http.sendAsync(requests.request(n), HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    latencies[n] = System.nanoTime() - sent;
                    if (failure != null || response.statusCode() >= 300) {
                      errors.incrementAndGet();
                    } else {
                      bodies.accept(response.body());
                    }
                    inFlight.release();
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    return new Result(total, errors.get(), (System.nanoTime() - start) / 1e9, latencies);
  }

  /** Requests for {@code seconds}: closed loop when {@code rate} is 0, else paced at that rate. */
  private Result timedLoop(int seconds, Requests requests, double rate) throws Exception {
    Semaphore inFlight = new Semaphore(rate > 0 ? 4 * concurrency : concurrency);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    int i = 0;
    while (System.nanoTime() < end) {
      if (rate > 0) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      inFlight.acquire();
      long sent = System.nanoTime();
      all.add(
          http.sendAsync(requests.request(i), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, failure) -> {
                    latencies.add(System.nanoTime() - sent);
                    if (failure != null || response.statusCode() >= 300) {
                      errors.incrementAndGet();
                    }
                    inFlight.release();
                  }));
      i++;
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
    return new Result(i, errors.get(), (System.nanoTime() - start) / 1e9, nanos);
  }

  private static void print(String what, Result r) {
    System.out.printf(
        "%-60s %7d req %5d err %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms%n",
        what,
        r.requests(),
        r.errors(),
        r.throughput(),
        r.percentileMillis(0.50),
        r.percentileMillis(0.99));
  }

  // ------------------------------------------------------------------ plumbing ----

  private HttpRequest post(String path, String token, String json) {
    return HttpRequest.newBuilder(URI.create(service + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private String send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private String token(String user) throws Exception {
    String form =
        "grant_type=password&client_id=riservo-staff&username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(user + "-local", StandardCharsets.UTF_8);
    String body =
        send(
            HttpRequest.newBuilder(
                    URI.create(keycloak + "/realms/riservo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no token for " + user + " from Keycloak");
    }
    return m.group(1);
  }
}
