package dev.riservo.consent.notices;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The notice service's public read of versions that have taken effect ({@code
 * quarkus.rest-client.notices.url}): no token travels. The answer is taken as a {@link Response},
 * so that a 404 is an answer, not an exception.
 */
@RegisterRestClient(configKey = "notices")
@Path("/v1/public/notices/versions")
public interface NoticeClient {

  /**
   * A published version by its id ({@code noticeId@version}): 200 with it once it has taken effect,
   * or 404 (unknown, or scheduled for later).
   */
  @GET
  @Path("/{id}")
  Uni<Response> version(@PathParam("id") String id);
}
