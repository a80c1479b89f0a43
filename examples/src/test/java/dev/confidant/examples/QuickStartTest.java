package dev.confidant.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  @Test
  void theModelSeesPlaceholdersAndTheCallerGetsACompletionOnTheEmbeddedModel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QuickStart.run(null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    String received = out.substring(out.indexOf("The model received:"), out.indexOf("The model replied:"));
    assertThat(received)
        .contains("user: My name is [NAME_1] and I need help with my account.")
        .doesNotContain("John Doe")
        .as("no server tool of the examples leaks into the quick start's engine").doesNotContain("tools:");
    assertThat(out).contains("The caller gets (placeholders restored):")
        .contains("\"object\":\"chat.completion\"")
        .contains("\"model\":\"confidant-tiny\"");
    assertThat(out.lines().filter(line -> line.startsWith("{")))
        .as("exactly one chat.completion, nothing else on stdout").hasSize(1);
  }
}
