package dev.riservo.identity;

import java.util.Set;

/** The realm roles of DESIGN.md. Every endpoint names the roles that may call it. */
public final class Roles {

  /** Records consents and objections heard on a call, runs dial checks, opens rights requests. */
  public static final String AGENT = "agent";

  /** Campaigns, list scrubs, RPO imports, reports. */
  public static final String SUPERVISOR = "supervisor";

  /** Everything on rights requests, the audit trail, publishing notices. */
  public static final String DPO = "dpo";

  /** Purposes, data sources, platform settings. */
  public static final String ADMIN = "admin";

  /** Internal endpoints; granted to service clients only. */
  public static final String SERVICE = "service";

  /** Every Riservo role; tokens may carry others (Keycloak defaults), which Riservo ignores. */
  public static final Set<String> ALL = Set.of(AGENT, SUPERVISOR, DPO, ADMIN, SERVICE);

  private Roles() {}
}
