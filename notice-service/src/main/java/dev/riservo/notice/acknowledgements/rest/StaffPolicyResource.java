package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.acknowledgements.config.StaffPolicyConfig;
import dev.riservo.notice.acknowledgements.domain.PolicyDecision;
import dev.riservo.notice.acknowledgements.service.StaffPolicyService;
import dev.riservo.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For consent-service, before a dial check or a consent is recorded: has this member of staff
 * acknowledged the staff policy in force? By subject id (the agent token's {@code sub}), never by
 * username: paths are written to the access log.
 */
@Path("/internal/staff-policy/{subjectId}")
@Tag(name = "Internal")
@Produces(MediaType.APPLICATION_JSON)
public class StaffPolicyResource {

  static final String EXAMPLE =
      "{\"subjectId\":\"0b6c2a4e-5f1d-4c7a-9a8e-3d2f1e0c9b8a\",\"policy\":\"staff-policy\","
          + "\"enforced\":true,\"allowed\":false,\"reason\":\"NOT_ACKNOWLEDGED\","
          + "\"currentVersions\":[\"staff-policy@3\"],\"acknowledgedVersion\":null,"
          + "\"validUntil\":null,\"maxAgeSeconds\":5}";

  private final StaffPolicyService policy;
  private final StaffPolicyConfig config;

  public StaffPolicyResource(StaffPolicyService policy, StaffPolicyConfig config) {
    this.policy = policy;
    this.config = config;
  }

  @GET
  @RolesAllowed(Roles.SERVICE)
  @Operation(
      summary = "Has this member of staff acknowledged the staff policy in force?",
      description =
          "Always 200 for a well-formed id: allowed=false means refuse with 403"
              + " policy-not-acknowledged. Cache-Control max-age says how long the answer may be"
              + " reused (riservo.notice.staff-policy.allowed-max-age, shortened to validUntil;"
              + " refused-max-age for a refusal).")
  @APIResponse(
      responseCode = "200",
      description = "The answer, with Cache-Control: private, max-age=N",
      content =
          @Content(
              schema = @Schema(implementation = PolicyView.class),
              examples = @ExampleObject(name = "not acknowledged", value = EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed subject id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Service clients only")
  public Uni<Response> standing(
      @PathParam("subjectId")
          @Pattern(
              regexp = "^[A-Za-z0-9][A-Za-z0-9._:@-]{0,254}$",
              message = "must be a Keycloak subject id")
          String subjectId) {
    return policy
        .decide(subjectId)
        .map(
            decision -> {
              long maxAge = maxAge(decision, policy.now());
              return Response.ok(PolicyView.of(subjectId, config.noticeId(), decision, maxAge))
                  .header(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge)
                  .build();
            });
  }

  private long maxAge(PolicyDecision decision, Instant now) {
    Duration age = decision.allowed() ? config.allowedMaxAge() : config.refusedMaxAge();
    if (decision.validUntil() != null) {
      Duration untilChange = Duration.between(now, decision.validUntil());
      age = untilChange.compareTo(age) < 0 ? untilChange : age;
    }
    return Math.max(0, age.toSeconds());
  }
}
