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

/** {@code ingest} then {@code search} on a real on-disk index, in two separate runs like two processes. */
class IngestSearchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(status).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void ingestedBeirDocumentsAreFoundBySearchInEveryMode() throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, """
        {"_id": "d1", "title": "Volcanoes", "text": "Lava flows from erupting volcanoes and cools into basalt rock."}
        {"_id": "d2", "title": "Bread", "text": "Sourdough bread rises slowly because of wild yeast and bacteria."}
        {"_id": "d3", "title": "Tides", "text": "The moon's gravity pulls the oceans, which causes high and low tides."}
        """);
    String data = dir.resolve("data").toString();
    String ingested = run("ingest", "--data-dir", data, "--space", "s1", "--collection", "c1", "--passages",
        "--beir-corpus", corpus.toString());
    assertThat(ingested.lines())
        .containsExactly("d1\tindexed\tVolcanoes", "d2\tindexed\tBread", "d3\tindexed\tTides");

    Path queries = dir.resolve("queries.jsonl");
    Files.writeString(queries, """
        {"id": "q1", "query": "why does sourdough bread rise"}
        {"id": "q2", "query": "ocean tides and the moon"}
        """);
    for (String mode : new String[] {"bm25", "dense", "hybrid"}) {
      String out = run("search", "--data-dir", data, "--space", "s1", "--collection", "c1", "--passages",
          "--mode", mode, "--k", "2", "--input", queries.toString());
      JsonNode[] lines = out.lines().map(IngestSearchCommandTest::parse).toArray(JsonNode[]::new);
      assertThat(lines).hasSize(2);
      assertThat(lines[0].get("id").asText()).isEqualTo("q1");
      assertThat(lines[0].get("results").get(0).get("source_id").asText()).as(mode).isEqualTo("d2");
      assertThat(lines[1].get("results").get(0).get("source_id").asText()).as(mode).isEqualTo("d3");
      assertThat(lines[0].get("results")).hasSizeLessThanOrEqualTo(2);
      assertThat(lines[0].get("results").get(0).has("chunk_id")).isTrue();
      assertThat(lines[0].get("results").get(0).get("title").asText()).as("the name next to the id").isEqualTo("Bread");
    }
  }

  @Test
  void ingestNamesEachFileNextToItsIdKeepsTheIdOfTheSameFileAndDrawsNoBarWithoutATerminal() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.md"), "# Notes\n\nThe budget review is in March.");
    Path broken = Files.write(dir.resolve("broken.pdf"), new byte[] {1, 2, 3});
    String data = dir.resolve("data").toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "ingest", "--data-dir", data,
        "--space", "s", "--collection", "c", notes.toString(), broken.toString());

    assertThat(status).as("a document failed").isEqualTo(1);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).matches("src_[0-9a-f]{20}\tindexed\t" + java.util.regex.Pattern.quote(notes.toString()));
    assertThat(lines.get(1)).startsWith("src_").contains("\tfailed\t" + broken + "\tcannot read broken.pdf as PDF");
    assertThat(err.toString()).as("stderr is no terminal here: no progress bar").doesNotContain("\r")
        .contains("ingest: 2 documents in").contains("1 failed");

    String again = run("ingest", "--data-dir", data, "--space", "s", "--collection", "c", notes.toString());
    assertThat(again.strip()).as("the same file again keeps its id").isEqualTo(lines.get(0));
  }

  @Test
  void searchingAnUnknownCollectionIsAClearError() {
    StringWriter err = new StringWriter();
    int status = ConfidantCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "search", "--data-dir", dir.toString(), "--space", "s1", "--collection", "nope", "--input", "/dev/null");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("no collection 'nope'");
  }

  @Test
  void aCorpusLineWithoutIdIsAClearErrorNamingTheLine() throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"_id\": \"d1\", \"text\": \"fine\"}\n\n{\"title\": \"no id\"}\n");
    StringWriter err = new StringWriter();
    int status = ConfidantCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "ingest", "--data-dir", dir.resolve("data").toString(), "--space", "s1", "--collection", "c1",
        "--beir-corpus", corpus.toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains(corpus + ":3: a JSON object with a non-empty \"_id\" expected")
        .doesNotContain("Exception");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void ingestAndSearchWorkOnOpenSearchWithStorageOpensearch() throws Exception {
    String url = dev.confidant.testkit.TestServers.openSearchUrl();
    String prefix = "cli" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, """
        {"_id": "d1", "title": "Volcanoes", "text": "Lava flows from erupting volcanoes and cools into basalt rock."}
        {"_id": "d2", "title": "Bread", "text": "Sourdough bread rises slowly because of wild yeast and bacteria."}
        """);
    String[] where = {"--storage", "opensearch", "--opensearch-url", url, "--index-prefix", prefix, "--space", "s1",
        "--collection", "c1", "--passages"};
    try {
      String ingested = run(concat(new String[] {"ingest", "--beir-corpus", corpus.toString()}, where));
      assertThat(ingested.lines()).containsExactly("d1\tindexed\tVolcanoes", "d2\tindexed\tBread");
      Path queries = Files.writeString(dir.resolve("queries.jsonl"), "{\"id\": \"q1\", \"query\": \"sourdough\"}\n");
      String out = run(concat(new String[] {"search", "--mode", "bm25", "--input", queries.toString()}, where));
      assertThat(parse(out.strip()).get("results").get(0).get("source_id").asText()).isEqualTo("d2");
    } finally {
      var http = java.net.http.HttpClient.newHttpClient();
      for (String path : new String[] {"/" + prefix + "*", "/_search/pipeline/" + prefix + "hybrid"}) {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path)).DELETE().build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
      }
    }

    StringWriter err = new StringWriter();
    int status = ConfidantCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        "search", "--storage", "opensearch", "--space", "s1", "--collection", "c1", "--input", "/dev/null");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--storage opensearch needs --opensearch-url URL");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }
}
