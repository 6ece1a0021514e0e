package dev.riservo.consent.consents.domain;

/**
 * Where the contact came from: collected by us, or a list bought from the seller who collected it.
 */
public enum ProvenanceSource {
  OWN_COLLECTION,
  PURCHASED_LIST
}
