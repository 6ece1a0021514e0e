package dev.riservo.problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** A test-only resource that fails in every way the mappers must handle. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

  public record Line(@NotBlank String code) {}

  public record Body(@NotBlank String name, @Min(1) int count, @Valid List<Line> lines) {}

  @POST
  @RolesAllowed("agent")
  @Consumes(MediaType.APPLICATION_JSON)
  public Body echo(@Valid @NotNull Body body) {
    return body;
  }

  /** A bulk upload route (riservo.http.bulk-paths): its body may exceed the ordinary limit. */
  @POST
  @Path("/bulk")
  @RolesAllowed("agent")
  @Consumes("text/csv")
  public String bulk(String body) {
    return Integer.toString(body.length());
  }

  @GET
  @Path("/page")
  @RolesAllowed("agent")
  public String page(@QueryParam("size") @Min(1) int size) {
    return "{}";
  }

  @GET
  @Path("/conflict")
  @RolesAllowed("agent")
  public String conflict() {
    throw ProblemException.conflict("already-recorded", "This request was already recorded");
  }

  @GET
  @Path("/rule")
  @RolesAllowed("agent")
  public String rule() {
    throw ProblemException.unprocessable("notice-hash-mismatch", "notice.hash", "does not match");
  }

  @GET
  @Path("/boom")
  @RolesAllowed("agent")
  public String boom() {
    throw new IllegalStateException("leaky message with +39 333 1234567 in it");
  }

  @GET
  @Path("/down")
  @RolesAllowed("agent")
  public String down() {
    throw new CircuitBreakerOpenException("upstream");
  }

  @GET
  @Path("/unannotated")
  public String unannotated() {
    return "{}";
  }
}
