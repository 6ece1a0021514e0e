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
import java.util.List;
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
