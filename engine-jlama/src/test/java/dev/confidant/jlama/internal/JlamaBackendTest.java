package dev.confidant.jlama.internal;

import static dev.confidant.jlama.internal.JlamaFixtures.ask;
import static dev.confidant.jlama.internal.JlamaFixtures.complete;
import static dev.confidant.jlama.internal.JlamaFixtures.context;
import static dev.confidant.jlama.internal.JlamaFixtures.greedy;
import static dev.confidant.jlama.internal.JlamaFixtures.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Role;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.jlama.JlamaModels;
import dev.confidant.jlama.TinyModels;
import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import dev.confidant.testkit.CompletionAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JlamaBackendTest {
  private static final String PROMPT = "Tell me a story about the robot and the cat.";

  @Test
  void greedyDecodingIsDeterministic() {
    ChatCompletionResponse first = complete(tiny(), ask(PROMPT, greedy(30)));
    ChatCompletionResponse second = complete(tiny(), ask(PROMPT, greedy(30)));
    assertThat(first.message().text()).isNotBlank().isEqualTo(second.message().text());
  }

  @Test
  void seededSamplingIsReproducible() {
    Sampling seeded = Sampling.DEFAULT.withTemperature(1.0).withMaxTokens(30).withSeed(42L);
    String first = complete(tiny(), ask(PROMPT, seeded)).message().text();
    assertThat(complete(tiny(), ask(PROMPT, seeded)).message().text()).isEqualTo(first);
    Set<String> others = new HashSet<>();
    for (long seed = 1; seed <= 3; seed++) {
      others.add(complete(tiny(), ask(PROMPT, seeded.withSeed(seed))).message().text());
    }
    assertThat(others).as("other seeds sample other text").anyMatch(text -> !text.equals(first));
  }

  @Test
  void aTinyTopPNucleusKeepsOnlyTheMostLikelyToken() {
    Sampling nucleus = Sampling.DEFAULT.withTemperature(1.5).withTopP(1e-6).withMaxTokens(20).withSeed(3L);
    assertThat(complete(tiny(), ask(PROMPT, nucleus)).message().text())
        .isEqualTo(complete(tiny(), ask(PROMPT, greedy(20))).message().text());
  }

  @Test
  void stopSequenceEndsTheReplyBeforeItsFirstOccurrence() {
    String full = complete(tiny(), ask(PROMPT, greedy(40))).message().text();
    assertThat(full).hasSizeGreaterThan(20);
    String stop = full.substring(12, 16);
    String expected = full.substring(0, full.indexOf(stop));

    List<ChatCompletionChunk> chunks = tiny().stream(ask(PROMPT, greedy(40).withStop(List.of("NEVER", stop))),
        context()).drain();

    assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo(expected);
    assertThat(CompletionStream.of(chunks).collect().choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(chunks.get(chunks.size() - 1).usage().completionTokens()).isLessThan(40);
  }

  @Test
  void maxTokensEndsWithLengthAfterExactlyThatManyTokens() {
    ChatCompletionResponse response = complete(tiny(), ask(PROMPT, greedy(7)));
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(response.usage().completionTokens()).isEqualTo(7);

    Sampling newName = new Sampling(0.0, null, 50, 5, List.of(), null, null, null, Map.of());
    assertThat(complete(tiny(), ask(PROMPT, newName)).usage().completionTokens())
        .as("max_completion_tokens wins over max_tokens").isEqualTo(5);
  }

  @Test
  void streamedChunksFollowOpenAiOrderAndConcatenateToTheCollectedReply() {
    List<ChatCompletionChunk> chunks = tiny().stream(ask(PROMPT, greedy(25)), context()).drain();
    ChatCompletionResponse collected = complete(tiny(), ask(PROMPT, greedy(25)));

    CompletionAssertions.assertOpenAiChunkOrder(chunks);
    assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks.get(chunks.size() - 1).choices()).isEmpty();
    assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(collected.usage());
    assertThat(chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta().content() != null
        && !c.choices().get(0).delta().content().isEmpty())).hasSizeGreaterThan(3);
    assertThat(CompletionAssertions.contentOf(chunks)).isEqualTo(collected.message().text());
  }

  @Test
  void usageCountsTheRenderedPromptWithTheModelsTokenizer() {
    ChatCompletionRequest request = ChatCompletionRequest.of(null, new SystemMessage("Be brief."),
        new UserMessage(PROMPT)).withSampling(greedy(9));
    Usage usage = complete(tiny(), request).usage();

    LoadedModel model = tiny().model();
    String rendered = model.promptSupport().orElseThrow().builder()
        .addSystemMessage("Be brief.").addUserMessage(PROMPT).build().getPrompt();
    assertThat(rendered).isEqualTo("System: Be brief.\nUser: " + PROMPT + "\nAssistant:");
    int bos = 1;
    assertThat(usage.promptTokens()).isEqualTo(bos + tokenizerCount(rendered));
    assertThat(usage.completionTokens()).isEqualTo(9);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + 9);
  }

  @Test
  void eightConcurrentRequestsOnOneModelAllSucceedWithTheSequentialResult() throws Exception {
    String expected = complete(tiny(), ask(PROMPT, greedy(20))).message().text();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<ChatCompletionResponse>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(threads.submit(() -> complete(tiny(), ask(PROMPT, greedy(20)))));
      }
      for (Future<ChatCompletionResponse> reply : replies) {
        ChatCompletionResponse response = reply.get(20, TimeUnit.SECONDS);
        assertThat(response.message().text()).isEqualTo(expected);
        assertThat(response.usage().completionTokens()).isEqualTo(20);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void closingAStreamEarlyStopsGenerationAndFreesItsKvCache() throws Exception {
    JlamaBackend backend = tiny();
    backend.model(); // loaded, so that only this test's generation can be active
    CompletionStream stream = backend.stream(ask(PROMPT, greedy(200)), context());
    assertThat(stream.next()).isNotNull(); // role
    assertThat(stream.next()).isNotNull(); // first content
    stream.close();
    assertThat(stream.next()).isNull();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (backend.activeGenerations() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(backend.activeGenerations()).as("generations still running after close()").isZero();
  }

  @Test
  void theTinyModelGeneratesUpToTheLastOfItsFourThousandNinetySixPositions() {
    // Jlama 0.8.4 reads its RoPE table 2 x heads positions ahead: without the generated model's headroom the
    // last positions of the context throw ArrayIndexOutOfBoundsException (../shared/notes/JLAMA.md, trap 4).
    assertThat(tiny().model().maxPositions()).isEqualTo(4096).isEqualTo(TinyModels.CONTEXT_WINDOW)
        .isEqualTo(JlamaModels.contextWindow(JlamaFixtures.CACHE.resolve(TinyModelGenerator.DIRECTORY_NAME))
            .orElseThrow());
    String text = "the garden ".repeat(1950);
    String rendered = tiny().model().promptSupport().orElseThrow().builder().addUserMessage(text).build().getPrompt();
    int promptTokens = tiny().model().encode(rendered).length; // with BOS
    assertThat(promptTokens).isBetween(3900, 4000);
    ChatCompletionRequest longPrompt = ask(text, greedy(1));
    int rest = 4096 - promptTokens;
    ChatCompletionResponse full = complete(tiny(), longPrompt.withSampling(greedy(rest)));
    assertThat(full.usage().promptTokens()).isEqualTo(promptTokens);
    assertThat(full.usage().completionTokens()).isEqualTo(rest);
    assertThat(full.usage().totalTokens()).isEqualTo(4096);
    assertThat(full.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void reportsTheRequestedModelIdOrElseTheDirectoryName() {
    assertThat(complete(tiny(), ask(PROMPT, greedy(2))).model()).isEqualTo(TinyModelGenerator.DIRECTORY_NAME);
    assertThat(complete(tiny(), ask(PROMPT, greedy(2)).withModel("my-model")).model()).isEqualTo("my-model");
  }

  private static int tokenizerCount(String text) {
    // An independent instance of the model's tokenizer, straight from its tokenizer.json.
    return new LlamaTokenizer(JlamaFixtures.CACHE.resolve(TinyModelGenerator.DIRECTORY_NAME)).encode(text).length;
  }
}
