package dev.confidant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's retrieval block is the code {@link ConfidantAutoConfigurationTest} runs (its region
 * {@code readme-retrieval}, indentation removed). The sample application's blocks are checked in examples/spring-boot.
 */
class ReadmeTest {
  @Test
  void theRetrievalExampleIsTheTestedCode() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## Retrieval");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start)).strip();

    String test = Files.readString(Path.of("src/test/java/dev/confidant/spring/ConfidantAutoConfigurationTest.java"));
    String open = "// region readme-retrieval\n";
    String region = test.substring(test.indexOf(open) + open.length(), test.indexOf("// endregion readme-retrieval"));
    assertThat(block).isEqualTo(region.stripIndent().strip());
  }
}
