package dev.confidant.openai.internal;

import dev.confidant.testkit.ServiceRegistrations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code openai} backend is registered alike for module-path and class-path users. */
class ServiceRegistrationTest {

  @Test
  void moduleInfoProvidesMatchMetaInfServices() {
    ServiceRegistrations.assertConsistent(Path.of("target", "classes"));
  }
}
