package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.notice.roster.domain.StaffMember;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The member of staff a request comes from: the token's {@code sub} and username, nothing else. */
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
}
