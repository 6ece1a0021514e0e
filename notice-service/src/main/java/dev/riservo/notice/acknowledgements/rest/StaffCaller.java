package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.notice.roster.domain.StaffMember;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The member of staff a request comes from: the token's {@code sub}, username and e-mail. */
final class StaffCaller {

  private StaffCaller() {}

  static StaffMember of(SecurityIdentity identity) {
    String name = identity.getPrincipal().getName();
    if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
      String username = jwt.getClaim("preferred_username");
      return new StaffMember(jwt.getSubject(), username != null ? username : name);
    }
    return new StaffMember(name, name);
  }

  /**
   * The caller's e-mail (the token's {@code email} claim), or null: one of the identifiers under
   * which the internal data-source contract finds them.
   */
  static String email(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getClaim("email") instanceof String email) {
      return email;
    }
    return null;
  }
}
