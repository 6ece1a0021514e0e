package dev.riservo.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for writes: the first answer to a key is stored in the same transaction
 * as the write it describes; a retry with the same key and body gets that answer again and records
 * nothing new; the same key with another body is refused (422). A retry that arrives while the
 * first request is still running waits for it (the key's transaction-scoped advisory lock, {@link
 * #lockKey}, taken by every write with a key) and then gets its answer.
 */
@ApplicationScoped
public class IdempotentWrites {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private final ObjectMapper json;
  private final SecurityIdentity identity;
  private final ReactiveFieldEncryption sealing;
  private final FieldEncryption encryption;
  private final Pool pool;

  public IdempotentWrites(
      ObjectMapper json, SecurityIdentity identity, ReactiveFieldEncryption sealing, Pool pool) {
    this.json = json;
    this.identity = identity;
    this.sealing = sealing;
    this.encryption = sealing.blocking();
    this.pool = pool;
  }

  /** The field name a stored answer naming a subject is sealed under. */
  static final String ANSWER_FIELD = "idempotent.answer";

  /**
   * A POST by the calling principal, run once per {@code Idempotency-Key}; {@code write} gets the
   * principal's name (the actor of the write).
   */
  @WithTransaction
  public Uni<Response> post(
      String path, Object request, String key, Function<String, Uni<Response>> write) {
    String actor = identity.getPrincipal().getName();
    return once(
        NativeStatements.ofSession(), key, actor, "POST", path, request, () -> write.apply(actor));
  }

  /**
   * The same for a write that runs on a pooled connection of its own (no Hibernate session): one
   * transaction on that connection claims the key, runs {@code write} (given the connection and the
   * actor) and stores the answer.
   */
  public Uni<Response> postOnConnection(
      String path,
      Object request,
      String key,
      BiFunction<SqlConnection, String, Uni<Response>> write) {
    String actor = identity.getPrincipal().getName();
    return pool.withTransaction(
        connection ->
            once(
                NativeStatements.on(connection),
                key,
                actor,
                "POST",
                path,
                request,
                () -> write.apply(connection, actor)));
  }

  /** What makes one keyed write: the principal, the key, and the request's fingerprint. */
  public record Claim(String principal, String key, String fingerprint) {}

  /**
   * The claim of a POST by {@code principal} for writes run many to a transaction ({@link
   * #lockKey}, {@link #answered}, {@link #rememberAll}); null without a key, 400 for a malformed
   * one.
   */
  public Claim claim(String path, Object request, String key, String principal) {
    if (checkedKey(key) == null) {
      return null;
    }
    return new Claim(principal, key, fingerprint("POST", path, request));
  }

  /**
   * The advisory-lock key of a claim: every write with this key takes it first (in the one order of
   * all lock keys: this one sorts before any blind index), so that two at once run one after the
   * other and the second finds the first's answer.
   */
  public static String lockKey(Claim claim) {
    return " idempotency:" + claim.principal() + ":" + claim.key();
  }

  /**
   * The first answers to the claims that have one, read in the transaction {@code sql} carries once
   * it holds their locks ({@link #lockKey}); 422 (as a failed answer) for a key used for a
   * different request.
   */
  public Uni<Map<Claim, Uni<Response>>> answered(NativeStatements sql, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return sql.rows(
            "SELECT r.principal, r.key, r.fingerprint, r.status, r.body, r.location,"
                + " r.subject_ref FROM idempotent_request AS r JOIN unnest($1::text[], $2::text[]) AS u(p, k)"
                + " ON r.principal = u.p AND r.key = u.k",
            claims.stream().map(Claim::principal).toArray(String[]::new),
            claims.stream().map(Claim::key).toArray(String[]::new))
        .map(
            rows -> {
              Map<List<String>, Object[]> byKey = new HashMap<>();
              rows.forEach(row -> byKey.put(List.of((String) row[0], (String) row[1]), row));
              Map<Claim, Uni<Response>> answers = new HashMap<>();
              for (Claim claim : claims) {
                Object[] row = byKey.get(List.of(claim.principal(), claim.key()));
                if (row != null) {
                  answers.put(claim, replayed(claim, row));
                }
              }
              return answers;
            });
  }

  /**
   * Stores the first answers of writes made in the transaction {@code sql} carries, in one
   * statement (their keys' locks are held: no other answer to them can be there).
   */
  public Uni<Void> rememberAll(NativeStatements sql, Map<Claim, Response> answers) {
    if (answers.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Claim> claims = List.copyOf(answers.keySet());
    List<Response> responses = claims.stream().map(answers::get).toList();
    List<String> bodies = responses.stream().map(r -> serialize(r.getEntity())).toList();
    List<UUID> subjects = bodies.stream().map(this::subjectOf).toList();
    List<String> stored = new ArrayList<>(bodies.size());
    Uni<Void> sealed = Uni.createFrom().voidItem();
    for (int i = 0; i < bodies.size(); i++) {
      int at = i;
      sealed =
          sealed
              .chain(() -> seal(bodies.get(at), subjects.get(at)))
              .invoke(stored::add)
              .replaceWithVoid();
    }
    return sealed
        .chain(
            () ->
                sql.update(
                    "INSERT INTO idempotent_request"
                        + " (principal, key, fingerprint, status, body, location, subject_ref, created_at)"
                        + " SELECT p, k, f, s, b, l, r, now() FROM unnest($1::text[], $2::text[],"
                        + " $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[])"
                        + " AS u(p, k, f, s, b, l, r)",
                    claims.stream().map(Claim::principal).toArray(String[]::new),
                    claims.stream().map(Claim::key).toArray(String[]::new),
                    claims.stream().map(Claim::fingerprint).toArray(String[]::new),
                    responses.stream().map(Response::getStatus).toArray(Integer[]::new),
                    stored.toArray(String[]::new),
                    responses.stream()
                        .map(r -> r.getLocation() == null ? null : r.getLocation().toString())
                        .toArray(String[]::new),
                    subjects.toArray(UUID[]::new)))
        .replaceWithVoid();
  }

  /** The problem a request retried after its subject's erasure gets, instead of its answer. */
  static final String ERASED_ANSWER =
      dev.riservo.problem.RoutedProblems.json(
          410,
          "subject-erased",
          "Gone",
          "The data subject of this request was erased; its answer is no longer kept.",
          null);

  /**
   * Erasure (issue 14, item 6): the stored answers naming the subject are replaced by a 410
   * problem, so a retry with the same key gets that, never the subject's data nor a second write.
   * Answers how many were replaced.
   */
  public Uni<Integer> forgetSubject(NativeStatements sql, UUID subjectRef) {
    return sql.update(
        "UPDATE idempotent_request SET status = 410, body = $1, location = NULL,"
            + " subject_ref = NULL WHERE subject_ref = $2",
        ERASED_ANSWER,
        subjectRef);
  }

  /** The subject a stored answer names (its top-level subjectRef), if any. */
  private UUID subjectOf(String body) {
    if (body == null || body.isEmpty() || body.charAt(0) != '{') {
      return null;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode ref = json.readTree(body).get("subjectRef");
      return ref == null || !ref.isTextual() ? null : UUID.fromString(ref.asText());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The key if it is well formed (or absent); 400 if it is not. */
  public static String checkedKey(String key) {
    if (key != null && !KEY.matcher(key).matches()) {
      throw malformedKey();
    }
    return key;
  }

  private static ProblemException malformedKey() {
    return ProblemException.badRequest(
        HEADER, "must be 1-128 letters, digits or . _ : - (a UUID is a good choice)");
  }

  /** A stored answer. */
  private record Stored(String fingerprint, int status, String body, String location) {}

  /**
   * Runs {@code write} once per {@code (principal, key)}. Without a key the write simply runs.
   *
   * @param request what identifies the request besides the key: method, path and body
   */
  private Uni<Response> once(
      NativeStatements sql,
      String key,
      String principal,
      String method,
      String path,
      Object request,
      Supplier<Uni<Response>> write) {
    if (key == null) {
      return write.get();
    }
    if (!KEY.matcher(key).matches()) {
      return Uni.createFrom().failure(malformedKey());
    }
    Claim claim = new Claim(principal, key, fingerprint(method, path, request));
    // The key's lock first (as recording batches take it): a retry running at the same time waits
    // here, then finds this write's answer.
    return sql.update("SELECT pg_advisory_xact_lock(hashtext($1))", lockKey(claim))
        .chain(
            () ->
                sql.rows(
                    "SELECT principal, key, fingerprint, status, body, location, subject_ref"
                        + " FROM idempotent_request WHERE principal = $1 AND key = $2",
                    principal,
                    key))
        .chain(
            rows ->
                rows.isEmpty()
                    ? write.get().call(response -> remember(sql, claim, response))
                    : replayed(claim, rows.get(0)));
  }

  private Uni<Integer> remember(NativeStatements sql, Claim claim, Response response) {
    String body = serialize(response.getEntity());
    UUID subject = subjectOf(body);
    return seal(body, subject)
        .chain(
            stored ->
                sql.update(
                    "INSERT INTO idempotent_request (principal, key, fingerprint, status, body,"
                        + " location, subject_ref, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, now())",
                    claim.principal(),
                    claim.key(),
                    claim.fingerprint(),
                    response.getStatus(),
                    stored,
                    response.getLocation() == null ? null : response.getLocation().toString(),
                    subject));
  }

  /**
   * An answer naming a subject is stored sealed under the subject's key: it can hold their
   * receipts, whose payload names a list's seller (issue 14, item 6). Others are stored as they
   * are.
   */
  private Uni<String> seal(String body, UUID subject) {
    return subject == null
        ? Uni.createFrom().item(body)
        : sealing.encrypt(subject.toString(), ANSWER_FIELD, body);
  }

  /**
   * The stored answer (a row of principal, key, fingerprint, status, body, location, subject) given
   * again, opened if it was sealed; 422 if the key was used for a different request.
   */
  private Uni<Response> replayed(Claim claim, Object[] row) {
    String body = (String) row[4];
    UUID subject = row[6] == null ? null : UUID.fromString(row[6].toString());
    Uni<String> opened =
        subject == null || body.isEmpty() || body.charAt(0) == '{'
            ? Uni.createFrom().item(body) // not sealed: no subject, or stored before sealing
            : sealing.decrypt(subject.toString(), ANSWER_FIELD, body);
    return opened.map(
        clear ->
            replayed(
                claim,
                new Stored((String) row[2], ((Number) row[3]).intValue(), clear, (String) row[5])));
  }

  private static Response replayed(Claim claim, Stored stored) {
    if (!stored.fingerprint().equals(claim.fingerprint())) {
      throw ProblemException.unprocessable(
          "idempotency-key-reused",
          HEADER,
          "was already used for a different request; use a new key");
    }
    Response.ResponseBuilder replayed =
        Response.status(stored.status())
            .type(stored.status() >= 400 ? "application/problem+json" : MediaType.APPLICATION_JSON)
            .entity(stored.body())
            .header("Idempotent-Replayed", "true");
    if (stored.location() != null) {
      replayed.header(HttpHeaders.LOCATION, stored.location());
    }
    return replayed.build();
  }

  /**
   * The request's fingerprint: a keyed hash (the blind-index key), never a plain digest, since a
   * body may hold a phone number and a plain digest of a small number space can be reversed.
   */
  private String fingerprint(String method, String path, Object request) {
    return encryption.index("idempotent-request", method + " " + path + "\n" + serialize(request));
  }

  private String serialize(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer could not be serialised", e);
    }
  }
}
