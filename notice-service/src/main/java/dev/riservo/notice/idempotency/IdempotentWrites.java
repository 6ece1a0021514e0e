package dev.riservo.notice.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for writes, as in consent-service (a reduced copy: one session-bound
 * path, no keyed fingerprint; a shared module is the later step): the first answer to a key is
 * stored in the same transaction as the write it describes; a retry with the same key and body gets
 * that answer again ({@code Idempotent-Replayed: true}) and writes nothing; the same key with
 * another request is refused (422). A retry that arrives while the first request still runs waits
 * for it (PostgreSQL's primary key on (principal, key)) and then gets its answer.
 */
@ApplicationScoped
public class IdempotentWrites {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

  private final ObjectMapper json;
  private final SecurityIdentity identity;

  public IdempotentWrites(ObjectMapper json, SecurityIdentity identity) {
    this.json = json;
    this.identity = identity;
  }

  /**
   * A POST by the calling principal, run once per {@code Idempotency-Key} (every time without one);
   * {@code write} gets the principal's name (the actor of the write) and runs in this transaction.
   */
  @WithTransaction
  public Uni<Response> post(
      String path, Object request, String key, Function<String, Uni<Response>> write) {
    String actor = identity.getPrincipal().getName();
    if (key == null) {
      return write.apply(actor);
    }
    if (!KEY.matcher(key).matches()) {
      return Uni.createFrom()
          .failure(
              ProblemException.badRequest(
                  HEADER, "must be 1-128 letters, digits or . _ : - (a UUID is a good choice)"));
    }
    // Notice texts are not personal data: a plain digest of the request is a fine fingerprint
    // (consent-service keys its own, since its bodies may hold a phone number).
    String fingerprint = sha256("POST " + path + "\n" + serialize(request));
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO idempotent_request"
                            + " (principal, key, fingerprint, status, body, created_at)"
                            + " VALUES (?1, ?2, ?3, 0, '', now())"
                            + " ON CONFLICT (principal, key) DO NOTHING")
                    .setParameter(1, actor)
                    .setParameter(2, key)
                    .setParameter(3, fingerprint)
                    .executeUpdate())
        .chain(
            claimed ->
                claimed == 1
                    ? write.apply(actor).call(response -> remember(actor, key, response))
                    : replay(actor, key, fingerprint));
  }

  private Uni<Response> replay(String principal, String key, String fingerprint) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "SELECT fingerprint, status, body, location FROM idempotent_request"
                            + " WHERE principal = ?1 AND key = ?2",
                        Object[].class)
                    .setParameter(1, principal)
                    .setParameter(2, key)
                    .getResultList())
        .map(
            (List<Object[]> rows) -> {
              Object[] row = rows.get(0);
              if (!fingerprint.equals(row[0])) {
                throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    HEADER,
                    "was already used for a different request; use a new key");
              }
              Response.ResponseBuilder replayed =
                  Response.status(((Number) row[1]).intValue())
                      .type(MediaType.APPLICATION_JSON)
                      .entity(row[2])
                      .header("Idempotent-Replayed", "true");
              if (row[3] != null) {
                replayed.header(HttpHeaders.LOCATION, row[3]);
              }
              return replayed.build();
            });
  }

  private Uni<Integer> remember(String principal, String key, Response response) {
    String location = response.getLocation() == null ? null : response.getLocation().toString();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "UPDATE idempotent_request SET status = ?1, body = ?2, location = ?3"
                            + " WHERE principal = ?4 AND key = ?5")
                    .setParameter(1, response.getStatus())
                    .setParameter(2, serialize(response.getEntity()))
                    .setParameter(3, location)
                    .setParameter(4, principal)
                    .setParameter(5, key)
                    .executeUpdate());
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
      throw new IllegalStateException("a request or answer could not be serialised", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
