package dev.riservo.notice.subjectdata.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How a caller names a data subject: any of phone number, e-mail, customer id (at least one).
 * Travels only in request bodies, never in a URL, a log line or an error message.
 */
@Schema(description = "A person's identifiers: at least one of phone, email, customerId")
public record SubjectIdentifiers(
    @Schema(description = "Phone number, international or national form", examples = "+39 ...")
        @Size(max = 64)
        String phone,
    @Schema(description = "E-mail address (compared case-insensitively)") @Size(max = 254)
        String email,
    @Schema(description = "The call centre's customer id") @Size(max = 128) String customerId) {

  /** No identifier at all. */
  @JsonIgnore
  public boolean isEmpty() {
    return blank(phone) && blank(email) && blank(customerId);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
