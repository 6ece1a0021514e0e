package dev.riservo.consent.staffpolicy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.identity.Roles;
import dev.riservo.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Issue 15, rule 10: with {@code riservo.staff-policy.check} on, an agent works (dial checks,
 * consents given) only once they have acknowledged the staff policy in force; notice-service keeps
 * the acknowledgements and decides. Its answers are reused for as long as it says; an allowed one
 * also serves, for {@code riservo.staff-policy.stale-allowed}, while notice-service cannot answer
 * (a call centre does not stop because one service is down), and a refused one never does.
 */
@ApplicationScoped
public class StaffPolicyGate {

  /** An answer and until when it holds. */
  private record Answer(boolean allowed, Instant freshUntil) {}

  private final Fetcher fetcher;
  private final boolean check;
  private final Cache<String, Answer> answers;

  public StaffPolicyGate(
      Fetcher fetcher,
      @ConfigProperty(name = "riservo.staff-policy.check", defaultValue = "false") boolean check,
      @ConfigProperty(name = "riservo.staff-policy.stale-allowed", defaultValue = "PT10M")
          Duration staleAllowed) {
    this.fetcher = fetcher;
    this.check = check;
    this.answers = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(staleAllowed).build();
  }

  /** Succeeds if the caller may work now; 403 {@code policy-not-acknowledged} if not. */
  public Uni<Void> admit(SecurityIdentity caller) {
    if (!check
        || !caller.hasRole(Roles.AGENT)
        || !(caller.getPrincipal() instanceof JsonWebToken token)
        || token.getSubject() == null) {
      return Uni.createFrom().voidItem();
    }
    String subject = token.getSubject();
    Answer known = answers.getIfPresent(subject);
    if (known != null && Instant.now().isBefore(known.freshUntil())) {
      return decide(known);
    }
    return fetcher
        .fetch(subject)
        .map(
            standing -> {
              Answer answer =
                  new Answer(
                      standing.allowed(),
                      Instant.now().plusSeconds(Math.max(0, standing.maxAgeSeconds())));
              answers.put(subject, answer);
              return answer;
            })
        .onFailure()
        .recoverWithUni(failure -> fallback(known, failure))
        .chain(StaffPolicyGate::decide);
  }

  private static Uni<Answer> fallback(Answer known, Throwable failure) {
    if (known != null && known.allowed()) {
      Log.warnf("staff policy unknown (%s): the last allowed answer serves", failure.getClass());
      return Uni.createFrom().item(known);
    }
    return Uni.createFrom()
        .failure(
            ProblemException.unavailable(
                "The notice service, which keeps staff acknowledgements,"));
  }

  private static Uni<Void> decide(Answer answer) {
    return answer.allowed()
        ? Uni.createFrom().voidItem()
        : Uni.createFrom()
            .failure(
                new ProblemException(
                    403,
                    "policy-not-acknowledged",
                    "Forbidden",
                    "Acknowledge the staff policy in force first"
                        + " (POST /api/notices/v1/staff-acknowledgements)",
                    List.of()));
  }

  /** The call itself, behind a timeout, one retry and a circuit breaker. */
  @ApplicationScoped
  public static class Fetcher {

    private final StaffPolicyClient client;

    public Fetcher(@RestClient StaffPolicyClient client) {
      this.client = client;
    }

    @Timeout(1500)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<StaffPolicyClient.Standing> fetch(String subjectId) {
      return client.standing(subjectId);
    }
  }
}
