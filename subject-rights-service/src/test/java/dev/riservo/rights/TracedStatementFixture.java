package dev.riservo.rights;

import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test fixture, not an API: one parametrised statement on the service's reactive pool inside a
 * request, so that {@link RightsTracingTest} can read the SQL span it makes. Hidden from the
 * OpenAPI document, so the route-security walk does not list it.
 */
@Path("/test-fixture/traced-statement")
public class TracedStatementFixture {

  private final Pool pool;

  public TracedStatementFixture(Pool pool) {
    this.pool = pool;
  }

  @GET
  @RolesAllowed(Roles.AGENT)
  @Operation(hidden = true)
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<String> echo(@QueryParam("value") String value) {
    return pool.preparedQuery("SELECT $1::text AS echoed")
        .execute(Tuple.of(value))
        .map(rows -> rows.iterator().next().getString("echoed"));
  }
}
