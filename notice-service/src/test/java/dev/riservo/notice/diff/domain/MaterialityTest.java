package dev.riservo.notice.diff.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 10: a change to what people were told about their data is flagged as probably material. */
class MaterialityTest {

  @Test
  void wordingAndContactsAreNotMaterial() {
    var hint = Materiality.of(List.of("/title", "/content/controller/email", "/content/dpo/phone"));
    assertFalse(hint.probablyMaterial());
    assertEquals(List.of(), hint.materialChanges());
  }

  @Test
  void eachMaterialAspectIsNamed() {
    assertEquals(
        List.of("legalBases"),
        Materiality.of(List.of("/content/purposes/0/legalBasis")).materialChanges());
    assertEquals(
        List.of("retention"),
        Materiality.of(List.of("/content/purposes/1/retention/period")).materialChanges());
    assertEquals(
        List.of("purposes"),
        Materiality.of(List.of("/content/purposes/0/description")).materialChanges());
    assertEquals(
        List.of("legalBases", "purposes", "retention"),
        Materiality.of(List.of("/content/purposes/-")).materialChanges());
    assertEquals(
        List.of("recipients"), Materiality.of(List.of("/content/recipients/2")).materialChanges());
    assertEquals(
        List.of("transfers"),
        Materiality.of(List.of("/content/transfers/0/safeguard")).materialChanges());
    assertEquals(List.of("sources"), Materiality.of(List.of("/content/sources")).materialChanges());
    assertTrue(Materiality.of(List.of("/content")).probablyMaterial());
  }
}
