package dev.riservo.consent.staffpolicy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * notice-service's answer to "has this member of staff acknowledged the staff policy in force?"
 * ({@code quarkus.rest-client.staff-policy.url}), asked with consent-service's own token.
 */
@RegisterRestClient(configKey = "staff-policy")
@OidcClientFilter
@Path("/internal/staff-policy")
public interface StaffPolicyClient {

  /** What consent-service reads of the answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Standing(boolean allowed, String reason, long maxAgeSeconds) {}

  /** By the Keycloak subject id (the token's {@code sub}), never the user name. */
  @GET
  @Path("/{subjectId}")
  Uni<Standing> standing(@PathParam("subjectId") String subjectId);
}
