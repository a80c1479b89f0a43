package dev.confidant.tools.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confidant.rag.Embedder;
import dev.confidant.rag.SearchMode;
import dev.confidant.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirEvaluationTest {
  @TempDir Path dir;

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @Test
  void metricsFollowTrecEval() {
    Map<String, Integer> judged = Map.of("a", 1, "b", 1, "z", 0);

    assertThat(Metrics.ndcg(List.of("a", "b", "c"), judged, 10)).isEqualTo(1.0);
    assertThat(Metrics.ndcg(List.of("c", "a"), Map.of("a", 1), 10)).isCloseTo(1 / (Math.log(3) / Math.log(2)),
        within(1e-12));
    assertThat(Metrics.ndcg(List.of("c"), judged, 10)).isZero();
    assertThat(Metrics.recall(List.of("a", "c", "z"), judged, 100)).isEqualTo(0.5);
    assertThat(Metrics.recall(List.of("c", "a"), judged, 1)).isZero();
  }

  @Test
  void evaluatesEveryModeOnABeirFolder() throws IOException {
    Path data = Files.createDirectories(dir.resolve("tiny/qrels"));
    Files.writeString(dir.resolve("tiny/corpus.jsonl"), """
        {"_id": "d1", "title": "Volcanoes", "text": "Lava flows from erupting volcanoes."}
        {"_id": "d2", "title": "Glaciers", "text": "Glaciers carve valleys out of rock."}
        {"_id": "d3", "title": "Deserts", "text": "Deserts receive very little rain."}
        """);
    Files.writeString(dir.resolve("tiny/queries.jsonl"), """
        {"_id": "q1", "text": "erupting volcanoes lava"}
        {"_id": "q2", "text": "glaciers carve valleys"}
        {"_id": "q3", "text": "not judged"}
        """);
    Files.writeString(data.resolve("test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");

    List<BeirEvaluation.Result> results = BeirEvaluation.evaluate(dir.resolve("tiny"), data.resolve("test.tsv"),
        List.of(SearchMode.values()), new TopicEmbedder(), dir.resolve("work"), QUIET);

    assertThat(results).extracting(BeirEvaluation.Result::mode).containsExactly(SearchMode.values());
    assertThat(results).allSatisfy(r -> {
      assertThat(r.queries()).isEqualTo(2);
      assertThat(r.ndcg10()).isEqualTo(1.0);
      assertThat(r.recall100()).isEqualTo(1.0);
    });
  }

  /**
   * BM25 matches plain Lucene (EnglishAnalyzer, k1 0.9, b 0.4, title and text in one field) on Cranfield, the
   * smallest shared BEIR set; the SciFact figures come from {@link BeirEvaluation#main}.
   */
  @Test
  void bm25MatchesPlainLuceneOnCranfield() throws IOException {
    Optional<Path> cranfield = SharedData.resolve("data/retrieval/cranfield");
    assumeTrue(cranfield.isPresent(), "shared data absent");

    List<BeirEvaluation.Result> results = BeirEvaluation.evaluate(cranfield.get(),
        cranfield.get().resolve("qrels/test.tsv"), List.of(SearchMode.BM25), new TopicEmbedder(),
        dir.resolve("work"), QUIET);

    assertThat(results.getFirst().ndcg10()).isCloseTo(0.3508, within(0.005));
    assertThat(results.getFirst().recall100()).isCloseTo(0.7221, within(0.005));
  }

  /**
   * Embeds a text as the first of three topic words it contains (one-hot, unit length): enough for dense search
   * to find the tiny corpus above by topic without loading a model. Thread-safe.
   */
  private static final class TopicEmbedder implements Embedder {
    private static final List<String> TOPICS = List.of("volcano", "glacier", "desert");

    @Override
    public String name() {
      return "topics";
    }

    @Override
    public int dimension() {
      return TOPICS.size() + 1;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> {
        float[] v = new float[dimension()];
        String lower = text.toLowerCase(Locale.ROOT);
        int topic = 0;
        while (topic < TOPICS.size() && !lower.contains(TOPICS.get(topic))) {
          topic++;
        }
        v[topic] = 1;
        return v;
      }).toList();
    }
  }
}
