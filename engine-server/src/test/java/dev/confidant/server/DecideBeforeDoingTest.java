package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AccessDeniedException;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ModelNotFoundException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.UserMessage;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.core.SpaceRole;
import dev.confidant.openai.ModelEndpoint;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.SearchMode;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decide before you do (issue 17 item 1): a request from a forbidden space, for an unknown model, for a model
 * restricted to another space or with a custom endpoint its space does not allow fails before any stage searches the
 * knowledge base, touches the PII vault or calls the model. A real engine with the retrieval and pseudonymization
 * stages over a real Lucene index and vault, each wrapped to count every call.
 */
class DecideBeforeDoingTest {
  private static final AccessPolicy POLICY = AccessPolicy.of(List.of(
      AccessPolicy.Space.of("alpha", Map.of("ada", SpaceRole.VIEWER)),
      AccessPolicy.Space.of("beta", Map.of("bob", SpaceRole.VIEWER))));

  @TempDir Path data;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private KnowledgeBase kb;
  private ScriptedModelBackend backend;
  private ChatCompletionEngine engine;

  @BeforeEach
  void setUp() {
    KnowledgeBase real = KnowledgeBase.open(data, new WordEmbedder(), RagOptions.defaults().withMode(SearchMode.BM25));
    real.ensureCollection("alpha", "handbook");
    assertThat(real.ingest("alpha", "handbook", List.of(DocumentInput.ofText("refunds", "Refunds",
        "Refunds are handled by Anna Weber within fourteen days.")), event -> {}).await(Duration.ofMinutes(1)))
        .extracting(DocumentStatus::state).containsOnly(DocumentStatus.State.INDEXED);
    kb = counting(KnowledgeBase.class, real, "kb.");
    MappingVault vault = counting(MappingVault.class, MappingVaults.inMemory(), "vault.");
    backend = ScriptedModelBackend.builder().recordRequests(true).reply("Ask Anna.").build();
    engine = ChatEngines.builder()
        .addBackend(backend)
        .model(ModelSpec.of("open-model", backend.name()))
        .model(ModelSpec.builder("beta-model", backend.name()).allowedSpaces(Set.of("beta")).build())
        .noDefaultBackend()
        .accessPolicy(POLICY)
        .option(RagOptions.KNOWLEDGE_BASE, kb)
        .option(PiiOptions.KEY, PiiOptions.defaults().withVault(vault))
        .build();
    calls.clear(); // only what the requests below do counts
  }

  @AfterEach
  void tearDown() {
    engine.close();
    kb.close();
  }

  private static RequestContext ada(String space) {
    return RequestContext.of("ada", space).with(Pseudonymization.KEY, Pseudonymization.ON).withThreadId("t1")
        .with(KnowledgeSources.KEY, KnowledgeSources.ofCollections(List.of("handbook")));
  }

  private static ChatCompletionRequest ask(String model) {
    return ChatCompletionRequest.of(model, new UserMessage("Who handles refunds? I am Anna Weber."));
  }

  @Test
  void refusedRequestsTouchNeitherIndexNorVaultNorModel() {
    assertThatThrownBy(() -> engine.complete(ask("open-model"), ada("beta")))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("space 'beta'");
    assertThatThrownBy(() -> engine.complete(ask("no-such-model"), ada("alpha")))
        .isInstanceOf(ModelNotFoundException.class).hasMessage("model 'no-such-model' not found; available: [open-model]");
    assertThatThrownBy(() -> engine.complete(ask("beta-model"), ada("alpha")))
        .isInstanceOf(ModelNotFoundException.class).hasMessage("model 'beta-model' not found; available: [open-model]");
    assertThatThrownBy(() -> engine.complete(ask("open-model"),
        ada("alpha").with(ModelEndpoint.KEY, ModelEndpoint.of("http://127.0.0.1:9/v1"))))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Custom model endpoints");
    assertThatThrownBy(() -> engine.stream(ask("no-such-model"), ada("alpha")).drain())
        .isInstanceOf(ModelNotFoundException.class);

    assertThat(calls).as("calls to the knowledge base and the vault").isEmpty();
    assertThat(backend.streamsOpened()).isZero();
  }

  @Test
  void anAllowedRequestDoesSearchWriteAndSendSoTheCountersCount() {
    assertThat(engine.complete(ask("open-model"), ada("alpha")).message().text()).isEqualTo("Ask Anna.");

    assertThat(calls.get("kb.search")).hasValue(1);
    assertThat(calls.get("vault.merge")).hasPositiveValue();
    assertThat(backend.streamsOpened()).isOne();
    assertThat(backend.lastRequest().orElseThrow().messages().toString()).contains("fourteen days")
        .doesNotContain("Anna Weber");
  }

  /** A proxy that counts every call by method name and delegates to the real implementation. */
  private <T> T counting(Class<T> type, T real, String prefix) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getDeclaringClass() != Object.class) {
        calls.computeIfAbsent(prefix + method.getName(), k -> new AtomicInteger()).incrementAndGet();
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }));
  }

  /** A tiny deterministic embedder: the index needs one, BM25 search does not use it. */
  private static final class WordEmbedder implements Embedder {
    @Override
    public String name() {
      return "words-8";
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(t -> {
        float[] v = new float[8];
        v[Math.floorMod(t.hashCode(), 8)] = 1f;
        return v;
      }).toList();
    }
  }
}
