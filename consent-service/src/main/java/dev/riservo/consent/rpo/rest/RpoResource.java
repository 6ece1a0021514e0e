package dev.riservo.consent.rpo.rest;

import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.config.DialingConfig;
import dev.riservo.consent.rpo.domain.RegisterLine;
import dev.riservo.consent.rpo.service.RegisterHeap;
import dev.riservo.consent.rpo.service.RpoImports;
import dev.riservo.identity.Roles;
import dev.riservo.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/rpo/consultations")
@Tag(
    name = "RPO register",
    description = "Consultations of the Registro Pubblico delle Opposizioni (rule 5)")
@Produces(MediaType.APPLICATION_JSON)
public class RpoResource {

  private final RpoImports imports;
  private final RegisterHeap heap;
  private final SecurityIdentity identity;
  private final ConsentConfig config;
  private final DialingConfig dialing;

  public RpoResource(
      RpoImports imports,
      RegisterHeap heap,
      SecurityIdentity identity,
      ConsentConfig config,
      DialingConfig dialing) {
    this.imports = imports;
    this.heap = heap;
    this.identity = identity;
    this.config = config;
    this.dialing = dialing;
  }

  @POST
  @Blocking
  @Consumes("text/csv")
  @RolesAllowed(Roles.SUPERVISOR)
  @Operation(
      summary = "Import a consultation of the register",
      description =
          "The register's answer file as CSV (header number,registered,registered_on,reallowed),"
              + " streamed. Lines that do not parse are counted and listed by line number, never"
              + " by content. consultedOn is the day of the consultation. Progress: GET"
              + " /v1/rpo/consultations/{id} while it runs.")
  @APIResponse(responseCode = "201", description = "Imported; the consultation with its counts")
  @APIResponse(responseCode = "400", description = "No header, not CSV, or a bad consultedOn")
  @APIResponse(
      responseCode = "413",
      description = "The register would not fit the replicas' heap; the sizes are named")
  public Response importConsultation(
      @QueryParam("consultedOn") String consultedOn,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body)
      throws SQLException {
    LocalDate day = consultedOn(consultedOn, dialing.zone());
    heap.requireRoomFor(contentLength);
    String actor = identity.getPrincipal().getName();
    UUID id = imports.start(day, config.operator(), actor);
    RpoImports.Consultation done = imports.run(id, day, body, actor);
    return Response.created(URI.create("/v1/rpo/consultations/" + id)).entity(done).build();
  }

  @GET
  @Path("/{id}")
  @Blocking
  @RolesAllowed({Roles.SUPERVISOR, Roles.DPO})
  @Operation(summary = "A consultation: its status and progress (lines read, entries, rejected)")
  @APIResponse(responseCode = "404", description = "No such consultation")
  public RpoImports.Consultation consultation(@PathParam("id") UUID id) throws SQLException {
    RpoImports.Consultation found = imports.find(id);
    if (found == null) {
      throw ProblemException.notFound("The consultation");
    }
    return found;
  }

  private static LocalDate consultedOn(String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("consultedOn", "is required: the day of the consultation");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("consultedOn", "must be a date like 2026-11-20");
    }
    if (day.isAfter(LocalDate.now(zone))) {
      throw ProblemException.badRequest("consultedOn", "cannot be in the future");
    }
    if (day.isBefore(RegisterLine.REGISTER_OPENED)) {
      throw ProblemException.badRequest(
          "consultedOn", "cannot be before the register opened (2011-01-31)");
    }
    return day;
  }
}
