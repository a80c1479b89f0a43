package dev.confidant.langchain4j.internal;

import dev.confidant.testkit.ServiceRegistrations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code ollama} backend is registered alike for module-path and class-path users. */
class ServiceRegistrationTest {

  @Test
  void moduleInfoProvidesMatchMetaInfServices() {
    ServiceRegistrations.assertConsistent(Path.of("target", "classes"));
  }
}
