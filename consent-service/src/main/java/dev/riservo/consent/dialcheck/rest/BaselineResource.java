package dev.riservo.consent.dialcheck.rest;

import dev.riservo.consent.dialcheck.rest.DialCheckResource.DialCheckRequest;
import dev.riservo.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dial check's baseline for load tests: the same route shape, token check, body and validation,
 * and no decision. The benchmark compares the two in one run.
 */
@Path("/v1/dial-checks/baseline")
@Tag(name = "Dial checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BaselineResource {

  private static final Map<String, String> NOTHING = Map.of("decision", "NONE");

  @POST
  @RolesAllowed({Roles.AGENT, Roles.SERVICE})
  @Operation(summary = "A no-op with a dial check's body: the benchmark's baseline")
  public Map<String, String> baseline(@Valid @NotNull DialCheckRequest request) {
    return NOTHING;
  }
}
