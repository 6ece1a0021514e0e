package dev.riservo.notice.presentations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Recording presentations, under {@code riservo.presentations}. */
@ConfigMapping(prefix = "riservo.presentations")
public interface PresentationConfig {

  /** How far ahead of this server's clock a presentedAt may lie (the presenter's clock skew). */
  @WithDefault("2M")
  Duration clockSkew();

  /**
   * How long after the fact a presentation may still be recorded (a telephony system catching up
   * after an outage); an older presentedAt is refused.
   */
  @WithDefault("90D")
  Duration maxAge();
}
