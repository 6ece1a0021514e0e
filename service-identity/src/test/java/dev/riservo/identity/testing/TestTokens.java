package dev.riservo.identity.testing;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;

/**
 * Real signed JWTs for {@code @QuarkusTest} tests, shaped like Keycloak's (roles in {@code
 * realm_access.roles}), signed with the test-jar's throw-away key that the services trust in tests.
 */
public final class TestTokens {

  private TestTokens() {}

  /** A bearer token for {@code user} holding exactly {@code roles}. */
  public static String forUser(String user, String... roles) {
    return Jwt.issuer("https://keycloak.test/realms/riservo")
        .preferredUserName(user)
        .subject("sub-" + user)
        .claim("realm_access", Map.of("roles", List.of(roles)))
        .expiresIn(300)
        .sign();
  }

  /** The {@code Authorization} header value for {@link #forUser}. */
  public static String bearer(String user, String... roles) {
    return "Bearer " + forUser(user, roles);
  }
}
