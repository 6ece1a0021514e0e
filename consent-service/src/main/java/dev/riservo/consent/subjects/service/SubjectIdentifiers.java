package dev.riservo.consent.subjects.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;

/**
 * How a caller names a data subject: any of phone number, e-mail, customer id. Travels only in
 * request bodies, never in a URL.
 */
public record SubjectIdentifiers(
    @Size(max = 64) String phone,
    @Size(max = 254) String email,
    @Size(max = 128) String customerId) {

  /** No identifier at all (not a property of the API: the documents and the reader ignore it). */
  @JsonIgnore
  public boolean isEmpty() {
    return blank(phone) && blank(email) && blank(customerId);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
