package dev.riservo.consent.notices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Rule 2 and 10: the notice a consent says was presented must be a version the notice service
 * published, in force when the consent was given (422 otherwise: unknown, unpublished or not yet
 * effective), and the hash given must be that version's content hash or document hash. Published
 * versions are immutable, so a version once seen is remembered for good (no call per consent); an
 * unknown id is remembered briefly. The call has a timeout, one retry and a circuit breaker; when
 * the notice service cannot answer for a version not seen yet, the consent is refused with 503 and
 * {@code Retry-After}, and nothing is recorded: a retry with the same {@code Idempotency-Key} is
 * safe.
 */
@ApplicationScoped
public class PresentedNotices {

  /** A published version's id: the notice's code, {@code @}, its version number. */
  private static final Pattern VERSION_ID =
      Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}@[1-9][0-9]{0,8}$");

  private static final Duration UNKNOWN_REMEMBERED = Duration.ofSeconds(30);

  /**
   * What this service reads of a published version: its hashes (the text's, and the structured
   * document's for versions that have one) and the instant it took effect.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PublishedVersion(
      String id,
      String contentHash,
      String documentHash,
      Instant effectiveFrom,
      String language,
      JsonNode document) {

    boolean hashIs(String hash) {
      return hash.equalsIgnoreCase(contentHash)
          || (documentHash != null && hash.equalsIgnoreCase(documentHash));
    }
  }

  private final Fetcher fetcher;
  private final boolean verify;
  private final String publicUrl;

  /** A version seen, and the terms receipts repeat of it (read once: versions never change). */
  private record Known(PublishedVersion version, NoticeTerms terms) {}

  private final Cache<String, Known> published = Caffeine.newBuilder().maximumSize(10_000).build();
  private final Cache<String, Boolean> unknown =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(UNKNOWN_REMEMBERED).build();

  public PresentedNotices(
      Fetcher fetcher,
      @ConfigProperty(name = "riservo.notices.verify", defaultValue = "true") boolean verify,
      @ConfigProperty(name = "riservo.notices.public-url") String publicUrl) {
    this.fetcher = fetcher;
    this.verify = verify;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /**
   * What a receipt repeats of version {@code id}: its terms if it was checked (it is, before any
   * consent naming it is recorded), else only its public address.
   */
  public NoticeTerms terms(String id) {
    Known known = published.getIfPresent(id);
    return known != null ? known.terms() : NoticeTerms.of(id, url(id), null, null);
  }

  private String url(String id) {
    return publicUrl + "/v1/public/notices/versions/" + id;
  }

  /**
   * Succeeds if {@code id} is a published version, in force at {@code presentedAt} (now if null),
   * whose content or document hash is {@code hash}.
   */
  public Uni<Void> check(String id, String hash, Instant presentedAt) {
    if (!verify || id == null || hash == null) {
      return Uni.createFrom().voidItem();
    }
    if (!VERSION_ID.matcher(id).matches()) {
      return Uni.createFrom().failure(unknownVersion());
    }
    Known known = published.getIfPresent(id);
    if (known != null) {
      return matches(known.version(), hash, presentedAt);
    }
    if (unknown.getIfPresent(id) != null) {
      return Uni.createFrom().failure(unknownVersion());
    }
    return fetcher
        .fetch(id)
        .onFailure()
        .transform(
            failure ->
                ProblemException.unavailable(
                    "The notice service, which confirms the notice presented,"))
        .chain(
            version -> {
              if (version == null) {
                unknown.put(id, Boolean.TRUE);
                return Uni.createFrom().failure(unknownVersion());
              }
              published.put(
                  id,
                  new Known(
                      version,
                      NoticeTerms.of(id, url(id), version.language(), version.document())));
              return matches(version, hash, presentedAt);
            });
  }

  private static Uni<Void> matches(PublishedVersion version, String hash, Instant presentedAt) {
    if (!version.hashIs(hash)) {
      return Uni.createFrom()
          .failure(
              ProblemException.unprocessable(
                  "notice-hash-mismatch",
                  "notice.hash",
                  "is not the content or document hash of the notice version given: the text"
                      + " presented was not the one published"));
    }
    if (presentedAt != null
        && version.effectiveFrom() != null
        && presentedAt.isBefore(version.effectiveFrom())) {
      return Uni.createFrom()
          .failure(
              ProblemException.unprocessable(
                  "notice-not-in-force",
                  "notice.id",
                  "was not yet in force when the consent was given: it took effect at "
                      + version.effectiveFrom()));
    }
    return Uni.createFrom().voidItem();
  }

  private static ProblemException unknownVersion() {
    return ProblemException.unprocessable(
        "unknown-notice",
        "notice.id",
        "is not a version published by the notice service (expected noticeId@version)");
  }

  /** The call itself, behind a timeout and a circuit breaker. */
  @ApplicationScoped
  public static class Fetcher {

    private final NoticeClient client;

    public Fetcher(@RestClient NoticeClient client) {
      this.client = client;
    }

    private static boolean notFound(Throwable failure) {
      return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }

    /**
     * The published version, or null if the notice service does not know it (or not yet: a 404 is
     * an answer, never retried).
     */
    @Timeout(1500)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<PublishedVersion> fetch(String id) {
      return client
          .version(id)
          // the client's default mapper turns a 404 into an exception: it is an answer here
          .onFailure(Fetcher::notFound)
          .recoverWithItem(() -> Response.status(404).build())
          .map(
              response -> {
                try (response) {
                  if (response.getStatus() == 404) {
                    return null;
                  }
                  if (response.getStatus() != 200) {
                    throw new IllegalStateException(
                        "notice service answered " + response.getStatus());
                  }
                  PublishedVersion version = response.readEntity(PublishedVersion.class);
                  if (version == null || version.contentHash() == null) {
                    throw new IllegalStateException("notice service answered no content hash");
                  }
                  return version;
                }
              });
    }
  }
}
