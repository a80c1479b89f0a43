package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiDetectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private List<JsonNode> run(String input, String... options) throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, input);
    String[] args = new String[options.length + 3];
    args[0] = "pii-detect";
    args[1] = "--input";
    args[2] = file.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return out.toString().lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError(line, e);
      }
    }).toList();
  }

  @Test
  void masksValuesAndReportsOffsetsPerLine() throws Exception {
    String text = "Mail jane.doe@example.com or call +49 30 123456.";
    List<JsonNode> lines = run("{\"text\": \"" + text + "\"}\n{\"text\": \"nothing here\"}\n");

    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("redacted_text").asText()).doesNotContain("jane.doe@example.com").contains("[EMAIL_1]");
    assertThat(first.get("pii_mapping").get("[EMAIL_1]").asText()).isEqualTo("jane.doe@example.com");
    JsonNode email = first.get("entity_details").get(0);
    assertThat(email.get("entity_type").asText()).isEqualTo("EMAIL");
    assertThat(email.get("text").asText()).isEqualTo("jane.doe@example.com");
    assertThat(text.substring(email.get("start").asInt(), email.get("end").asInt())).isEqualTo("jane.doe@example.com");
    assertThat(lines.get(1).get("redacted_text").asText()).isEqualTo("nothing here");
  }

  @Test
  void existingMappingKeepsPlaceholdersAndAngleStyleIsSelectable() throws Exception {
    List<JsonNode> lines = run(
        "{\"text\": \"Write to jane.doe@example.com\", \"existing_mapping\": {\"<EMAIL_7>\": \"jane.doe@example.com\"}}\n",
        "--placeholders", "angle");

    assertThat(lines.get(0).get("redacted_text").asText()).isEqualTo("Write to <EMAIL_7>");
  }

  @Test
  void badLinesGetAnErrorWithoutEchoingTheirContent() throws Exception {
    List<JsonNode> lines = run("{not json jane@example.com\n{\"text\": \"ok\"}\n");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("error").asText()).doesNotContain("jane");
    assertThat(lines.get(1).get("redacted_text").asText()).isEqualTo("ok");
  }

  @Test
  void outputKeepsInputOrderAcrossParallelChunksAndBadLinesKeepTheirPlace() throws Exception {
    StringBuilder input = new StringBuilder();
    int n = 300; // about ten chunks, processed on four threads
    for (int i = 0; i < n; i++) {
      if (i % 97 == 50) {
        input.append("{\"text\": 42}\n");
      } else if (i % 89 == 3) {
        input.append("\n   \n"); // blank lines are skipped, not answered
        input.append("{\"text\": \"line ").append(i).append(": mail user").append(i).append("@example.org\"}\n");
      } else {
        input.append("{\"text\": \"line ").append(i).append(": mail user").append(i).append("@example.org\"}\n");
      }
    }
    List<JsonNode> lines = run(input.toString(), "--threads", "4");

    assertThat(lines).hasSize(n);
    for (int i = 0; i < n; i++) {
      JsonNode line = lines.get(i);
      if (i % 97 == 50) {
        assertThat(line.get("error").asText()).as("line %d", i).contains("\"text\"");
      } else {
        // The e-mail address proves the position (the name model may mask other words of the line too).
        assertThat(line.get("redacted_text").asText()).as("line %d", i).contains(i + ": ").endsWith("[EMAIL_1]");
        assertThat(line.get("pii_mapping").get("[EMAIL_1]").asText()).isEqualTo("user" + i + "@example.org");
      }
    }
  }

  @Test
  void aLineWithABadMappingGetsAnErrorAndTheRunGoesOnWithExitStatusOne() throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, "{\"text\": \"a\", \"existing_mapping\": [1]}\n"
        + "{\"text\": \"b\", \"existing_mapping\": {\"[NAME_1]\": 3}}\n{\"text\": \"c\"}\n"
        + "{\"text\": \"d\", \"existing_mapping\": {\"Anna\": \"Anna Weber\"}}\n");
    int status = ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "pii-detect", "--input",
        file.toString());

    List<String> lines = out.toString().lines().toList();
    assertThat(status).isEqualTo(1);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("\"error\"").contains("existing_mapping");
    assertThat(lines.get(1)).contains("\"error\"").contains("values must be strings");
    assertThat(JSON.readTree(lines.get(2)).get("redacted_text").asText()).isEqualTo("c");
    // The same key check as X-Pii-Mapping and /v1/pii/detect's existing_mapping.
    assertThat(JSON.readTree(lines.get(3)).get("error").asText())
        .isEqualTo("\"existing_mapping\": Key 'Anna' is not a placeholder; keys look like [NAME_1] or <NAME_1>");
  }
}
