package dev.riservo.notice.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** notice-service's own settings, under {@code riservo.notice}. */
@ConfigMapping(prefix = "riservo.notice")
public interface NoticeConfig {

  /** Publishing. */
  Publish publish();

  /** The in-memory answers of {@code current}. */
  Current current();

  /** Material changes (rule 10). */
  MaterialChange materialChange();

  interface MaterialChange {

    /**
     * The least time between the publication of a version marked material and the instant it takes
     * effect: the time the people who heard an earlier version have to learn of it.
     */
    @WithDefault("30D")
    Duration noticePeriod();
  }

  interface Publish {

    /**
     * The least time between a version's publication and the instant it takes effect: a version
     * published "now" takes effect this much later, so that every replica's memory holds it before
     * it is in force (at least {@code current.refresh} plus the longest a publish transaction
     * takes, with clock skew). An effectiveFrom asked for earlier is moved to it.
     */
    @WithDefault("5S")
    Duration propagationDelay();

    /** How far ahead a version may be scheduled. */
    @WithDefault("3650D")
    Duration maxScheduleAhead();

    /** How far in the past an effectiveFrom may lie and still mean "now" (clock skew). */
    @WithDefault("2M")
    Duration clockSkew();
  }

  interface Current {

    /**
     * How long a replica answers questions about instants close to now from a notice's versions in
     * memory before it reads them again (a version published on another replica is seen within
     * this). Questions about instants further back are answered from memory for good.
     */
    @WithDefault("1S")
    Duration refresh();
  }
}
