package dev.confidant.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The starter README's example is this sample: its Java block is the sample application's code (between the region
 * markers) and its YAML block is the sample's {@code application.yaml}, which this module compiles and runs.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("../../confidant-spring-boot-starter/README.md");

  @Test
  void theReadmeJavaExampleIsTheCompiledSample() throws Exception {
    String sample = Files.readString(Path.of("src/main/java/dev/confidant/examples/spring/SupportApplication.java"));
    String region = sample.substring(sample.indexOf("// region readme") + "// region readme".length(),
        sample.indexOf("// endregion readme")).strip();
    assertThat(block("java")).isEqualTo(region);
  }

  @Test
  void theReadmeYamlIsTheSamplesApplicationYaml() throws Exception {
    assertThat(block("yaml")).isEqualTo(Files.readString(Path.of("src/main/resources/application.yaml")).strip());
  }

  /** The README's first fenced block in this language. */
  private static String block(String language) throws Exception {
    String readme = Files.readString(README);
    String fence = "```" + language + "\n";
    int start = readme.indexOf(fence);
    assertThat(start).as("a %s block in %s", language, README).isNotNegative();
    start += fence.length();
    return readme.substring(start, readme.indexOf("```", start)).strip();
  }
}
