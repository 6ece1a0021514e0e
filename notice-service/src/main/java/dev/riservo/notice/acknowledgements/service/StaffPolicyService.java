package dev.riservo.notice.acknowledgements.service;

import dev.riservo.notice.acknowledgements.config.StaffPolicyConfig;
import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import dev.riservo.notice.acknowledgements.domain.PolicyDecision;
import dev.riservo.notice.acknowledgements.repository.AcknowledgementEntity;
import dev.riservo.notice.acknowledgements.repository.AcknowledgementRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Whether a member of staff has acknowledged the staff policy's current version, for
 * consent-service's enforcement ({@code riservo.notice.staff-policy.enforce}). Reads no roster: the
 * question is about one person, by subject id.
 */
@ApplicationScoped
public class StaffPolicyService {

  private final StaffPolicyConfig config;
  private final StaffNotices notices;
  private final AcknowledgementRepository acknowledgements;
  private final Clock clock = Clock.systemUTC();

  public StaffPolicyService(
      StaffPolicyConfig config, StaffNotices notices, AcknowledgementRepository acknowledgements) {
    this.config = config;
    this.notices = notices;
    this.acknowledgements = acknowledgements;
  }

  @WithSession
  public Uni<PolicyDecision> decide(String subjectId) {
    if (!config.enforce()) {
      return Uni.createFrom().item(PolicyDecision.notEnforced());
    }
    Instant now = clock.instant();
    String policy = config.noticeId();
    return notices
        .versionsIfStaff(policy)
        .chain(
            versions ->
                acknowledgements
                    .ofSubject(subjectId)
                    .map(
                        mine ->
                            PolicyDecision.decide(
                                versions,
                                mine.stream()
                                    .map(AcknowledgementEntity::toDomain)
                                    .filter(a -> a.noticeId().equals(policy))
                                    .map(Acknowledgement::versionId)
                                    .toList(),
                                now)));
  }

  public Instant now() {
    return clock.instant();
  }
}
