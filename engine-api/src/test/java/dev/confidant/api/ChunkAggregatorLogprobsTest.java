package dev.confidant.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A collected choice carries the log probabilities of all its chunks, as a non-streaming answer does. */
class ChunkAggregatorLogprobsTest {

  private static ChatCompletionChunk chunk(int index, Delta delta, String logprobs) {
    return new ChatCompletionChunk("chatcmpl-1", 1, "m",
        List.of(new ChunkChoice(index, delta, null, logprobs == null ? null : RawJson.of(logprobs))), null, null);
  }

  private static String token(String text, double logprob) {
    return "{\"token\":\"" + text + "\",\"logprob\":" + logprob + ",\"bytes\":[1],\"top_logprobs\":[]}";
  }

  @Test
  void tokenListsOfEveryChunkAreConcatenatedPerChoice() {
    ChunkAggregator aggregator = new ChunkAggregator();
    aggregator.accept(chunk(0, Delta.ofRole(Role.ASSISTANT), null));
    aggregator.accept(chunk(1, Delta.ofRole(Role.ASSISTANT), null));
    aggregator.accept(chunk(0, Delta.ofContent("He"), "{\"content\":[" + token("He", -0.5) + "],\"refusal\":null}"));
    aggregator.accept(chunk(1, Delta.ofContent("Hi"), "{\"content\":[" + token("Hi", -1.5) + "],\"refusal\":null}"));
    aggregator.accept(chunk(0, Delta.ofContent("llo"),
        "{ \"content\" : [" + token("l,l]}", -0.25) + " , " + token("o\\\"", -0.125) + "], \"refusal\": null }"));
    aggregator.accept(chunk(0, Delta.EMPTY, "{\"content\":[],\"refusal\":null}"));

    List<Choice> choices = aggregator.toResponse().choices();
    assertThat(choices.get(0).logprobs()).hasToString("{\"content\":[" + token("He", -0.5) + ","
        + token("l,l]}", -0.25) + " , " + token("o\\\"", -0.125) + "],\"refusal\":null}");
    assertThat(choices.get(1).logprobs()).hasToString("{\"content\":[" + token("Hi", -1.5) + "],\"refusal\":null}");
  }

  @Test
  void laterNonNullMembersWinAndNonObjectsAreTakenAsTheyAre() {
    assertThat(LogprobsMerger.merge(RawJson.of("{\"content\":null,\"refusal\":[1]}"),
        RawJson.of("{\"content\":[2],\"refusal\":null,\"extra\":{\"a\":[3]}}")))
        .hasToString("{\"content\":[2],\"refusal\":[1],\"extra\":{\"a\":[3]}}");
    assertThat(LogprobsMerger.merge(RawJson.of("{\"content\":[1]}"), RawJson.of("[\"not an object\"]")))
        .hasToString("[\"not an object\"]");
    assertThat(LogprobsMerger.merge(RawJson.of("{\"content\":[1] trailing"), RawJson.of("{\"content\":[2]}")))
        .hasToString("{\"content\":[2]}");
    assertThat(LogprobsMerger.merge(RawJson.of("{\"content\":\"unterminated}"), RawJson.of("{}")))
        .hasToString("{}");
  }
}
