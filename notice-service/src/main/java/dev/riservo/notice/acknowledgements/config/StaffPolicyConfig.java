package dev.riservo.notice.acknowledgements.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Enforcement of the staff policy, under {@code riservo.notice.staff-policy}: whether an agent who
 * has not acknowledged the policy's current version is refused dial checks and consent recording
 * (consent-service asks {@code GET /internal/staff-policy/{subjectId}}), and which notice is the
 * policy.
 */
@ConfigMapping(prefix = "riservo.notice.staff-policy")
public interface StaffPolicyConfig {

  /** Refuse staff who have not acknowledged the policy's current version. */
  @WithDefault("false")
  boolean enforce();

  /** The key of the {@code STAFF} notice that is the staff policy. */
  @WithDefault("staff-policy")
  String noticeId();

  /**
   * How long a caller may reuse an answer that allows (shortened to when a scheduled version takes
   * effect), and any answer while enforcement is off.
   */
  @WithDefault("60S")
  Duration allowedMaxAge();

  /** How long a caller may reuse an answer that refuses: short, the person may acknowledge now. */
  @WithDefault("5S")
  Duration refusedMaxAge();
}
