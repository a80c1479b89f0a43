package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code confidant serve}'s arguments; DevelopmentModeTest serves what they configure. */
class ServeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void modelDirIsForDevelopmentModeOnly(@TempDir Path temp) throws Exception {
    Path yaml = Files.writeString(temp.resolve("c.yaml"), "listen: {port: 0}\n");

    assertThat(run("serve", "--config", yaml.toString(), "--model-dir", temp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--model-dir is for development mode").contains("models[].model-dir")
        .doesNotContain("\tat ");
  }

  @Test
  void aModelDirWithoutConfigJsonIsRejectedBeforeTheServerStarts(@TempDir Path temp) {
    assertThat(run("serve", "--port", "0", "--model-dir", temp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("'" + temp + "' has no config.json").doesNotContain("\tat ");
    assertThat(out.toString()).doesNotContain("listening");
  }

  @Test
  void theEnvironmentNamesTheModelDirectoryWhenItIsSet() {
    assertThat(ConfidantCli.modelDir(Map.of("CONFIDANT_MODEL_DIR", " /models/llama ")))
        .isEqualTo(Path.of("/models/llama"));
    assertThat(ConfidantCli.modelDir(Map.of("CONFIDANT_MODEL_DIR", " "))).isNull();
    assertThat(ConfidantCli.modelDir(Map.of())).isNull();
  }
}
