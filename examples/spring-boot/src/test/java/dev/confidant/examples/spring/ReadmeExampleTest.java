package dev.confidant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is the sample application's code, which this module's test build compiles and runs. */
class ReadmeExampleTest {
  @Test
  void theReadmeExampleIsTheCompiledSample() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String sample = Files.readString(Path.of("src/test/java/dev/confidant/spring/sample/SupportApplication.java"));
    String region = sample.substring(sample.indexOf("// region readme") + "// region readme".length(),
        sample.indexOf("// endregion readme")).strip();
    int start = readme.indexOf("```java\n") + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start)).strip();
    assertThat(block).isEqualTo(region);
  }
}
