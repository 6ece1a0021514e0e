package dev.riservo.encryption.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class Es256Test {

  private static KeyPair pair(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  @Test
  void signaturesVerifyWithTheJdkAndWithAStandardJoseLibrary() throws Exception {
    KeyPair pair = pair("secp256r1");
    Es256 es256 = new Es256((ECPrivateKey) pair.getPrivate());
    for (int i = 0; i < 50; i++) {
      byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = es256.sign(input);
      assertEquals(64, signature.length);

      Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
      jdk.initVerify(pair.getPublic());
      jdk.update(input);
      assertTrue(jdk.verify(signature), "JDK verifies signature " + i);

      assertTrue(
          new ECDSAVerifier((ECPublicKey) pair.getPublic())
              .verify(new JWSHeader(JWSAlgorithm.ES256), input, Base64URL.encode(signature)),
          "nimbus verifies signature " + i);
    }
  }

  @Test
  void aSignatureDoesNotVerifyForOtherInput() throws Exception {
    KeyPair pair = pair("secp256r1");
    byte[] signature = new Es256((ECPrivateKey) pair.getPrivate()).sign("a.b".getBytes());
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initVerify(pair.getPublic());
    jdk.update("a.c".getBytes());
    assertFalse(jdk.verify(signature));
  }

  @Test
  void theNonceIsDeterministicSoTheSameInputSignsTheSame() throws Exception {
    Es256 es256 = new Es256((ECPrivateKey) pair("secp256r1").getPrivate());
    assertArrayEquals(es256.sign("x.y".getBytes()), es256.sign("x.y".getBytes()));
  }

  @Test
  void aKeyOnAnotherCurveIsRefused() throws Exception {
    ECPrivateKey p384 = (ECPrivateKey) pair("secp384r1").getPrivate();
    assertThrows(IllegalArgumentException.class, () -> new Es256(p384));
  }
}
