package dev.riservo.notice.roster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/**
 * The staff roster, read from Keycloak's admin API, under {@code riservo.notice.roster}. The admin
 * client itself (server, client id and secret) is configured under {@code
 * quarkus.keycloak.admin-client}.
 */
@ConfigMapping(prefix = "riservo.notice.roster")
public interface RosterConfig {

  /** The realm whose users are the staff. */
  @WithDefault("riservo")
  String realm();

  /** Realm roles that make a user staff (effective roles: composites count). */
  @WithDefault("agent,supervisor,dpo,admin")
  Set<String> staffRoles();

  /** Users read per call of the admin API. */
  @WithDefault("100")
  int pageSize();

  /** The most users read (a bound on a misconfigured realm); more are not listed. */
  @WithDefault("20000")
  int maxUsers();

  /** How long a roster read is reused before it is read again. */
  @WithDefault("60S")
  Duration cacheFor();
}
