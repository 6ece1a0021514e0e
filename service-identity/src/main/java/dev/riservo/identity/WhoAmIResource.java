package dev.riservo.identity;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/whoami} in every service. A component that serves no API of its own (the gateway)
 * leaves it out at build time with {@code riservo.identity.whoami.enabled=false}.
 */
@Path("/v1/whoami")
@UnlessBuildProperty(
    name = "riservo.identity.whoami.enabled",
    stringValue = "false",
    enableIfMissing = true)
@Tag(name = "Identity", description = "Who the service thinks is calling")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

  /** The caller as this service sees it: the principal, its Riservo roles, and which service. */
  public record WhoAmI(String principal, List<String> roles, String service) {}

  private final SecurityIdentity identity;
  private final String service;

  public WhoAmIResource(
      SecurityIdentity identity,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.identity = identity;
    this.service = service;
  }

  @GET
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(summary = "The authenticated caller and its Riservo roles")
  @APIResponse(
      responseCode = "200",
      description = "The caller",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "agent",
                      value =
                          "{\"principal\":\"agent\",\"roles\":[\"agent\"],"
                              + "\"service\":\"consent-service\"}")))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "The token carries no Riservo role")
  public WhoAmI whoami() {
    List<String> roles = identity.getRoles().stream().filter(Roles.ALL::contains).sorted().toList();
    return new WhoAmI(identity.getPrincipal().getName(), roles, service);
  }
}
