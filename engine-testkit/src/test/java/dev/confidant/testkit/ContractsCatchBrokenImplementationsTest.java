package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The contract tests must fail for implementations that break the contract, or they prove nothing. */
class ContractsCatchBrokenImplementationsTest {

  @Test
  void backendSplittingASurrogatePairFailsTheUnicodeTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("a\uD83D"), f.content("\uDE00b"),
        f.finish(FinishReason.STOP), f.usage(Usage.of(1, 2))), true);
    assertThatThrownBy(() -> contract(broken).unicodeSurvivesChunkBoundaries())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("lone surrogate");
  }

  @Test
  void backendEmittingReplacementCharactersFailsTheUnicodeTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("Gr\uFFFD\uFFFDe"),
        f.finish(FinishReason.STOP), f.usage(Usage.of(1, 1))), true);
    assertThatThrownBy(() -> contract(broken).unicodeSurvivesChunkBoundaries())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("U+FFFD");
  }

  @Test
  void backendWithoutAUsageChunkFailsTheOrderTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("hi"), f.finish(FinishReason.STOP)), true);
    assertThatThrownBy(() -> contract(broken).chunksFollowOpenAiOrder()).isInstanceOf(AssertionError.class);
  }

  @Test
  void backendWithoutARoleChunkFailsTheOrderTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.content("hi"), f.finish(FinishReason.STOP),
        f.usage(Usage.of(1, 1))), true);
    assertThatThrownBy(() -> contract(broken).chunksFollowOpenAiOrder())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("role");
  }

  @Test
  void backendWithTwoFinishReasonsFailsTheOrderTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.finish(FinishReason.STOP), f.content("hi"),
        f.finish(FinishReason.STOP), f.usage(Usage.of(1, 1))), true);
    assertThatThrownBy(() -> contract(broken).chunksFollowOpenAiOrder())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("after the choice's finish chunk");
  }

  @Test
  void backendWithInconsistentUsageFailsTheUsageTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("hi"), f.finish(FinishReason.STOP),
        f.usage(new Usage(3, 2, 4, null, null))), true);
    assertThatThrownBy(() -> contract(broken).usageIsReportedAndAddsUp()).isInstanceOf(AssertionError.class);
  }

  @Test
  void backendIgnoringCloseFailsTheCancellationTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("one"), f.content("two"),
        f.finish(FinishReason.STOP), f.usage(Usage.of(1, 2))), false);
    assertThatThrownBy(() -> contract(broken).closingAfterTheFirstContentChunkStopsTheStream())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("next() after close()");
  }

  @Test
  void backendWhoseNextIgnoresCloseFromAnotherThreadFailsTheCancellationTest() {
    ModelBackend broken = new ModelBackend() {
      @Override
      public String name() {
        return "stuck";
      }

      @Override
      public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
        ChunkFactory f = ChunkFactory.start("stuck");
        CountDownLatch never = new CountDownLatch(1);
        return new CompletionStream() {
          private boolean first = true;

          @Override
          public @Nullable ChatCompletionChunk next() {
            if (first) {
              first = false;
              return f.role();
            }
            try {
              never.await(); // waits for a token that never comes, deaf to close()
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          }

          @Override
          public void close() {}
        };
      }
    };
    AbstractModelBackendContractTest contract = new AbstractModelBackendContractTest() {
      @Override
      protected ModelBackend backend() {
        return broken;
      }

      @Override
      protected Duration cancellationLimit() {
        return Duration.ofMillis(200);
      }
    };
    assertThatThrownBy(contract::closingFromAnotherThreadEndsConsumption)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("still blocked");
  }

  @Test
  void backendIgnoringTheTokenLimitFailsTheLimitTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("one"), f.content(" two"),
        f.content(" three"), f.finish(FinishReason.STOP), f.usage(Usage.of(5, 3))), true);
    assertThatThrownBy(() -> contract(broken).theTokenLimitEndsTheAnswerWithLength())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("finish reason at max_tokens 2");
  }

  @Test
  void backendCountingMoreTokensThanTheLimitFailsTheLimitTest() {
    ModelBackend broken = new ListBackend(f -> List.of(f.role(), f.content("one two three"),
        f.finish(FinishReason.LENGTH), f.usage(Usage.of(5, 3))), true);
    assertThatThrownBy(() -> contract(broken).theTokenLimitEndsTheAnswerWithLength())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("completion tokens at max_tokens 2");
  }

  @Test
  void backendFailingAfterItsEndFailsTheEndTest() {
    ModelBackend broken = new ModelBackend() {
      @Override
      public String name() {
        return "restless";
      }

      @Override
      public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
        ChunkFactory f = ChunkFactory.start("restless");
        List<ChatCompletionChunk> chunks = List.of(f.role(), f.content("hi"), f.finish(FinishReason.STOP),
            f.usage(Usage.of(1, 1)));
        return new CompletionStream() {
          private int position;

          @Override
          public @Nullable ChatCompletionChunk next() {
            if (position == chunks.size()) {
              position++;
              return null;
            }
            return chunks.get(position++); // reads past its end on the second call after the last chunk
          }

          @Override
          public void close() {}
        };
      }
    };
    assertThatThrownBy(() -> contract(broken).nextAfterTheEndKeepsReturningNull())
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void backendLeakingASlotOnAbandonedStreamsFailsTheUsabilityTest() {
    Semaphore slots = new Semaphore(4);
    ModelBackend broken = new ModelBackend() {
      @Override
      public String name() {
        return "leaky";
      }

      @Override
      public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
        try {
          slots.acquire(); // released only when the reply is read to its end, not on close()
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for a slot", e);
        }
        CompletionStream reply = new ListBackend(f -> List.of(f.role(), f.content("hi"),
            f.finish(FinishReason.STOP), f.usage(Usage.of(1, 1))), true).stream(request, context);
        return new CompletionStream() {
          @Override
          public @Nullable ChatCompletionChunk next() {
            ChatCompletionChunk chunk = reply.next();
            if (chunk == null) {
              slots.release();
            }
            return chunk;
          }

          @Override
          public void close() {
            reply.close();
          }
        };
      }
    };
    AbstractModelBackendContractTest contract = new AbstractModelBackendContractTest() {
      @Override
      protected ModelBackend backend() {
        return broken;
      }

      @Override
      protected Duration timeout() {
        return Duration.ofMillis(500);
      }
    };
    assertThatThrownBy(contract::abandonedStreamsLeaveTheBackendUsable)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void stageNotClosingTheUpstreamFailsTheCloseTest() {
    PipelineStage broken = chain -> {
      CompletionStream upstream = chain.proceed(chain.request());
      return new CompletionStream() {
        @Override
        public @Nullable ChatCompletionChunk next() {
          return upstream.next();
        }

        @Override
        public void close() {} // forgets the upstream
      };
    };
    assertThatThrownBy(() -> contract(broken).closingTheStreamClosesTheUpstream())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("left open");
  }

  @Test
  void stageTrimmingDeltasFailsTheSplitTest() {
    PipelineStage broken = chain -> chain.proceed(chain.request()).transform((chunk, out) ->
        out.accept(mapContent(chunk, String::strip)));
    assertThatThrownBy(() -> contract(broken).textSplitAtEveryCodePointBoundarySurvivesUnchanged())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("split at char");
  }

  @Test
  void stageRechunkingByCharsFailsTheFragmentTest() {
    PipelineStage broken = chain -> chain.proceed(chain.request()).transform(new CharRechunker());
    assertThatThrownBy(() -> contract(broken).textSplitIntoSmallFragmentsSurvivesUnchanged())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("lone surrogate");
  }

  @Test
  void stageProceedingTwiceFailsTheOnceTest() {
    PipelineStage broken = chain -> {
      chain.proceed(chain.request()).close();
      return chain.proceed(chain.request());
    };
    assertThatThrownBy(() -> contract(broken).stageProceedsExactlyOnce()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stageSwallowingModelFailuresFailsTheFailureTest() {
    PipelineStage broken = chain -> {
      CompletionStream upstream = chain.proceed(chain.request());
      return new CompletionStream() {
        @Override
        public @Nullable ChatCompletionChunk next() {
          try {
            return upstream.next();
          } catch (ChatEngineException e) {
            return null; // pretends the reply ended
          }
        }

        @Override
        public void close() {
          upstream.close();
        }
      };
    };
    assertThatThrownBy(() -> contract(broken).modelFailureSurfacesAndClosesTheUpstream())
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void correctImplementationsPass() {
    assertThatCode(() -> contract(ScriptedModelBackend.echo()).chunksFollowOpenAiOrder()).doesNotThrowAnyException();
    assertThatCode(() -> contract(ScriptedModelBackend.echo()).nextAfterTheEndKeepsReturningNull())
        .doesNotThrowAnyException();
    assertThatCode(() -> contract(ScriptedModelBackend.echo()).abandonedStreamsLeaveTheBackendUsable())
        .doesNotThrowAnyException();
    assertThatCode(() -> contract(new ListBackend(f -> List.of(f.role(), f.content("one two"),
        f.finish(FinishReason.LENGTH), f.usage(Usage.of(5, 2))), true)).theTokenLimitEndsTheAnswerWithLength())
        .doesNotThrowAnyException();
    assertThatCode(() -> contract((PipelineStage) chain -> chain.proceed(chain.request()))
        .textSplitIntoSmallFragmentsSurvivesUnchanged()).doesNotThrowAnyException();
  }

  private static AbstractModelBackendContractTest contract(ModelBackend backend) {
    return new AbstractModelBackendContractTest() {
      @Override
      protected ModelBackend backend() {
        return backend;
      }
    };
  }

  private static AbstractPipelineStageContractTest contract(PipelineStage stage) {
    return new AbstractPipelineStageContractTest() {
      @Override
      protected PipelineStage stage() {
        return stage;
      }
    };
  }

  private static ChatCompletionChunk mapContent(ChatCompletionChunk chunk, Function<String, String> f) {
    if (chunk.choices().isEmpty() || chunk.choices().get(0).delta().content() == null) {
      return chunk;
    }
    var choice = chunk.choices().get(0);
    return chunk.withChoices(List.of(choice.withDelta(choice.delta().withContent(f.apply(choice.delta().content())))));
  }

  /** A backend replaying fixed chunks, optionally deaf to close(). */
  private record ListBackend(Function<ChunkFactory, List<ChatCompletionChunk>> script, boolean honoursClose)
      implements ModelBackend {
    @Override
    public String name() {
      return "list";
    }

    @Override
    public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
      List<ChatCompletionChunk> chunks = script.apply(ChunkFactory.start("list"));
      return new CompletionStream() {
        private int position;
        private boolean closed;

        @Override
        public @Nullable ChatCompletionChunk next() {
          return (closed && honoursClose) || position == chunks.size() ? null : chunks.get(position++);
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }
  }

  /** Re-chunks content into pieces of two chars, the classic bug that splits surrogate pairs. */
  private static final class CharRechunker implements CompletionStream.ChunkTransformer {
    private final StringBuilder pending = new StringBuilder();
    private @Nullable ChatCompletionChunk template;

    @Override
    public void onChunk(ChatCompletionChunk chunk, Consumer<ChatCompletionChunk> out) {
      String content = chunk.choices().isEmpty() ? null : chunk.choices().get(0).delta().content();
      if (content == null || chunk.choices().get(0).delta().role() != null) {
        if (template != null && pending.length() > 0) {
          ChatCompletionChunk t = template;
          out.accept(mapContent(t, ignored -> pending.toString()));
          pending.setLength(0);
        }
        out.accept(chunk);
        return;
      }
      template = chunk;
      pending.append(content);
      List<String> pieces = new ArrayList<>();
      while (pending.length() >= 2) {
        pieces.add(pending.substring(0, 2));
        pending.delete(0, 2);
      }
      for (String piece : pieces) {
        out.accept(mapContent(chunk, ignored -> piece));
      }
    }
  }
}
