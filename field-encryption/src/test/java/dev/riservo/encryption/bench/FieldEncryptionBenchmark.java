package dev.riservo.encryption.bench;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.support.TestDatabases;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot-path cost of the library with a warm key cache, over the real local key store. Run with
 * {@code mvn -pl field-encryption -Pbench verify -DskipTests} (needs the PostgreSQL that {@code
 * ./riservo db} prepares). Figures are in the module README.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FieldEncryptionBenchmark {

  /** 32 bytes of UTF-8, the size of a typical name or address line. */
  static final String FIELD_32 = "Mario Rossi, Via Roma 1, 00100 R";

  /** About the size of a consent receipt's payload. */
  static final String RECEIPT_PAYLOAD = "{\"receipt\":\"" + "x".repeat(600) + "\"}";

  FieldEncryption encryption;
  String stored;
  java.security.KeyPair jdkKey;

  @Setup(Level.Trial)
  public void warm() {
    encryption =
        new FieldEncryption(
            KeyStores.local(
                TestDatabases.freshKeyDatabase("riservo_fe_bench"), TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults());
    stored = encryption.encrypt("subj-bench", "person.name", FIELD_32);
    encryption.decrypt("subj-bench", "person.name", stored);
    encryption.phoneIndex("+393471234567");
    encryption.sign(RECEIPT_PAYLOAD, "JWT");
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      jdkKey = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    encryption.close();
  }

  @Benchmark
  public String encrypt32Bytes() {
    return encryption.encrypt("subj-bench", "person.name", FIELD_32);
  }

  @Benchmark
  public String decrypt32Bytes() {
    return encryption.decrypt("subj-bench", "person.name", stored);
  }

  /** The dial-check case: the number arrives in E.164. */
  @Benchmark
  public String blindIndexE164Phone() {
    return encryption.phoneIndex("+393471234567");
  }

  /** A number typed by an agent, national format with spaces: libphonenumber parses it. */
  @Benchmark
  public String blindIndexNationalPhone() {
    return encryption.phoneIndex("347 123 4567");
  }

  /** The HMAC alone, on a value already normalised. */
  @Benchmark
  public String blindIndexHmacOnly() {
    return encryption.index("phone", "+393471234567");
  }

  /** A receipt's signature (ES256, the local store's key). */
  @Benchmark
  public String signReceipt() {
    return encryption.sign(RECEIPT_PAYLOAD, "JWT");
  }

  /** The JDK 17 provider's ES256, for comparison with {@link #signReceipt()}. */
  @Benchmark
  public byte[] signReceiptWithTheJdkProvider() throws Exception {
    java.security.Signature ecdsa =
        java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initSign(jdkKey.getPrivate());
    ecdsa.update(RECEIPT_PAYLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return ecdsa.sign();
  }
}
