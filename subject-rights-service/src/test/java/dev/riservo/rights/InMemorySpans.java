package dev.riservo.rights;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans the service finishes, kept in memory for the tests to read (Quarkus' default {@code
 * cdi} exporter picks up every {@code SpanExporter} bean; with one present it builds no OTLP
 * exporter).
 */
@ApplicationScoped
public class InMemorySpans {

  @Produces
  @Singleton
  InMemorySpanExporter exporter() {
    return InMemorySpanExporter.create();
  }
}
