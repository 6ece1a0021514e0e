package dev.riservo.consent.notices;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The notice service's published versions ({@code quarkus.rest-client.notices.url}). The read is
 * public: no token travels. The answer is taken as a {@link Response}, so that a 404 is an answer,
 * not an exception.
 */
@RegisterRestClient(configKey = "notices")
@Path("/v1/notices/versions")
public interface NoticeClient {

  /** A published version by its id ({@code noticeId@version}): 200 with it, or 404. */
  @GET
  @Path("/{id}")
  Uni<Response> version(@PathParam("id") String id);
}
