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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** A test-only resource that fails in every way the mappers must handle. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

  public record Line(@NotBlank String code) {}

  public record Body(
      @NotBlank String name, @Min(1) int count, @Valid List<Line> lines, Boolean urgent) {}

  /** Every kind of value the shared input checks cover: dates, lists, maps. */
  public record Dated(
      Instant at,
      OffsetDateTime heard,
      LocalDate day,
      LocalDateTime local,
      List<String> notes,
      Map<String, String> tags) {}

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
  @Path("/flag")
  @RolesAllowed("agent")
  public String flag(@QueryParam("on") boolean on, @QueryParam("count") long count) {
    return "{\"on\":" + on + ",\"count\":" + count + "}";
  }

  @POST
  @Path("/dated")
  @RolesAllowed("agent")
  @Consumes(MediaType.APPLICATION_JSON)
  public Dated dated(Dated body) {
    return body;
  }

  @GET
  @Path("/when")
  @RolesAllowed("agent")
  public String when(
      @QueryParam("at") Instant at,
      @QueryParam("heard") OffsetDateTime heard,
      @QueryParam("day") LocalDate day,
      @QueryParam("local") LocalDateTime local) {
    return "{\"at\":\"" + at + "\",\"day\":\"" + day + "\"}";
  }

  @GET
  @Path("/item/{code}")
  @RolesAllowed("agent")
  public String item(@PathParam("code") String code, @QueryParam("note") String note) {
    return "{\"length\":" + code.length() + "}";
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
