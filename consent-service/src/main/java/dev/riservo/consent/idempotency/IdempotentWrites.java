package dev.riservo.consent.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.consent.sql.NativeStatements;
import dev.riservo.encryption.FieldEncryption;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for writes: the first answer to a key is stored in the same transaction
 * as the write it describes; a retry with the same key and body gets that answer again and records
 * nothing new; the same key with another body is refused (422). A retry that arrives while the
 * first request is still running waits for it (PostgreSQL's unique index) and then gets its answer.
 */
@ApplicationScoped
public class IdempotentWrites {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private final ObjectMapper json;
  private final SecurityIdentity identity;
  private final FieldEncryption encryption;
  private final Pool pool;

  public IdempotentWrites(
      ObjectMapper json, SecurityIdentity identity, FieldEncryption encryption, Pool pool) {
    this.json = json;
    this.identity = identity;
    this.encryption = encryption;
    this.pool = pool;
  }

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
   * #claimAll}, {@link #settle}); null without a key, 400 for a malformed one.
   */
  public Claim claim(String path, Object request, String key, String principal) {
    if (checkedKey(key) == null) {
      return null;
    }
    return new Claim(principal, key, fingerprint("POST", path, request));
  }

  /**
   * Claims the keys in the transaction {@code sql} carries, in one statement (waiting for any
   * transaction that holds one of them to end); answers the claims won. A claim lost was answered
   * before: {@link #replay} gives that answer.
   */
  public Uni<Set<Claim>> claimAll(NativeStatements sql, List<Claim> claims) {
    if (claims.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return sql.rows(
            "INSERT INTO idempotent_request (principal, key, fingerprint, status, body, created_at)"
                + " SELECT p, k, f, 0, '', now() FROM unnest($1::text[], $2::text[], $3::text[])"
                + " AS u(p, k, f) ON CONFLICT (principal, key) DO NOTHING RETURNING principal, key",
            claims.stream().map(Claim::principal).toArray(String[]::new),
            claims.stream().map(Claim::key).toArray(String[]::new),
            claims.stream().map(Claim::fingerprint).toArray(String[]::new))
        .map(
            rows -> {
              Set<List<String>> won = new HashSet<>();
              rows.forEach(row -> won.add(List.of((String) row[0], (String) row[1])));
              Set<Claim> claimed = new HashSet<>();
              claims.stream()
                  .filter(c -> won.contains(List.of(c.principal(), c.key())))
                  .forEach(claimed::add);
              return claimed;
            });
  }

  /** The first answer to a claim lost; 422 if its key was used for a different request. */
  public Uni<Response> replay(NativeStatements sql, Claim claim) {
    return replay(sql, claim.principal(), claim.key(), claim.fingerprint());
  }

  /**
   * Stores the answers to claims won, and releases the claims of writes that failed (as a rolled
   * back write would: a retry runs them again), in the transaction {@code sql} carries.
   */
  public Uni<Void> settle(
      NativeStatements sql, Map<Claim, Response> answers, List<Claim> released) {
    Uni<Integer> stored =
        answers.isEmpty()
            ? Uni.createFrom().item(0)
            : sql.update(
                "UPDATE idempotent_request AS r SET status = u.s, body = u.b, location = u.l"
                    + " FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])"
                    + " AS u(p, k, s, b, l) WHERE r.principal = u.p AND r.key = u.k",
                answers.keySet().stream().map(Claim::principal).toArray(String[]::new),
                answers.keySet().stream().map(Claim::key).toArray(String[]::new),
                answers.values().stream().map(Response::getStatus).toArray(Integer[]::new),
                answers.values().stream().map(r -> serialize(r.getEntity())).toArray(String[]::new),
                answers.values().stream()
                    .map(r -> r.getLocation() == null ? null : r.getLocation().toString())
                    .toArray(String[]::new));
    Uni<Integer> freed =
        released.isEmpty()
            ? Uni.createFrom().item(0)
            : sql.update(
                "DELETE FROM idempotent_request WHERE (principal, key) IN"
                    + " (SELECT * FROM unnest($1::text[], $2::text[]))",
                released.stream().map(Claim::principal).toArray(String[]::new),
                released.stream().map(Claim::key).toArray(String[]::new));
    return Uni.combine().all().unis(stored, freed).discardItems();
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
    String fingerprint = fingerprint(method, path, request);
    return sql.update(
            "INSERT INTO idempotent_request (principal, key, fingerprint, status, body, created_at)"
                + " VALUES ($1, $2, $3, 0, '', now()) ON CONFLICT (principal, key) DO NOTHING",
            principal,
            key,
            fingerprint)
        .chain(
            inserted ->
                inserted == 1
                    ? write.get().call(response -> remember(sql, principal, key, response))
                    : replay(sql, principal, key, fingerprint));
  }

  private Uni<Response> replay(
      NativeStatements sql, String principal, String key, String fingerprint) {
    return sql.rows(
            "SELECT fingerprint, status, body, location FROM idempotent_request"
                + " WHERE principal = $1 AND key = $2",
            principal,
            key)
        .map(
            (List<Object[]> rows) -> {
              Object[] row = rows.get(0);
              Stored stored =
                  new Stored(
                      (String) row[0],
                      ((Number) row[1]).intValue(),
                      (String) row[2],
                      (String) row[3]);
              if (!stored.fingerprint().equals(fingerprint)) {
                throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    HEADER,
                    "was already used for a different request; use a new key");
              }
              Response.ResponseBuilder replayed =
                  Response.status(stored.status())
                      .type(MediaType.APPLICATION_JSON)
                      .entity(stored.body())
                      .header("Idempotent-Replayed", "true");
              if (stored.location() != null) {
                replayed.header(HttpHeaders.LOCATION, stored.location());
              }
              return replayed.build();
            });
  }

  private Uni<Integer> remember(
      NativeStatements sql, String principal, String key, Response response) {
    String body = serialize(response.getEntity());
    String location = response.getLocation() == null ? null : response.getLocation().toString();
    return sql.update(
        "UPDATE idempotent_request SET status = $1, body = $2, location = $3"
            + " WHERE principal = $4 AND key = $5",
        response.getStatus(),
        body,
        location,
        principal,
        key);
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
