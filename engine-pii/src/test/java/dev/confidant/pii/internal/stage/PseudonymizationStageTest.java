package dev.confidant.pii.internal.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.VaultKey;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import dev.confidant.testkit.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PseudonymizationStageTest {
  private static final RequestContext PII_ON =
      RequestContext.of("u", "space_1").with(Pseudonymization.KEY, Pseudonymization.ON);

  private static String modelBound(ChatCompletionRequest request) {
    return request.messages().stream().map(m -> m.text() + (m instanceof AssistantMessage a
        ? a.toolCalls().stream().map(ToolCall::arguments).collect(Collectors.joining()) : ""))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void noValueReachesTheModelAndTheReplyIsRestoredWhateverTheSplit() {
    ChatCompletionRequest request = ChatCompletionRequest.of("scripted",
        new SystemMessage("Customer: Anna Weber, anna.weber@example.org"),
        new UserMessage("Please write to Anna Weber at anna.weber@example.org, IBAN DE89 3704 0044 0532 0130 00."));
    String reply = "Dear [NAME_1], we refund to [IBAN_1]; NAME_1's mail [EMAIL_1] is noted. [NAME_9] stays.";
    for (int size = 1; size <= 7; size++) {
      ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text(reply).splitEvery(size));
      ChatCompletionResponse response = StageHarness.of(TestStages.STAGE, backend)
          .stream(request, new StageContext(PII_ON)).collect();
      String sent = modelBound(backend.requests().get(0));
      assertThat(sent).doesNotContain("Anna", "Weber", "anna.weber@example.org", "DE89", "0532")
          .contains("[NAME_1]", "[EMAIL_1]", "[IBAN_1]");
      assertThat(response.message().text()).isEqualTo("Dear Anna Weber, we refund to DE89 3704 0044 0532 0130 00;"
          + " Anna Weber's mail anna.weber@example.org is noted. [NAME_9] stays.");
    }
  }

  @Test
  void toolArgumentsAreRestoredAndToolResultsMasked() {
    ChatCompletionRequest request = ChatCompletionRequest.of("scripted",
        new UserMessage("Send the contract to jonas.bauer@example.org"),
        AssistantMessage.ofToolCalls(List.of(new ToolCall("c0", "lookup", "{\"email\":\"jonas.bauer@example.org\"}"))),
        new ToolMessage("{\"owner\":\"Dr. Jonas Bauer\",\"phone\":\"+49 30 9876543\"}", "c0"));
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.toolCalls(
        ScriptedToolCall.of("c1", "send_mail", "{\"to\":\"[EMAIL_1]\",\"name\":\"[NAME_1]\"}").splitEvery(3)));
    ChatCompletionResponse response = StageHarness.of(TestStages.STAGE, backend)
        .stream(request, new StageContext(PII_ON)).collect();
    assertThat(modelBound(backend.requests().get(0))).doesNotContain("jonas", "Jonas", "9876543");
    assertThat(response.message().toolCalls()).singleElement().extracting(ToolCall::arguments)
        .isEqualTo("{\"to\":\"jonas.bauer@example.org\",\"name\":\"Jonas Bauer\"}");
  }

  @Test
  void withoutPseudonymizationTheRequestPassesUnchanged() {
    ChatCompletionRequest request = ChatCompletionRequest.of("scripted", new UserMessage("Anna Weber, a@b.org"));
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("ok [NAME_1]"));
    ChatCompletionResponse response = StageHarness.of(TestStages.STAGE, backend)
        .stream(request, new StageContext(RequestContext.anonymous())).collect();
    assertThat(backend.requests().get(0).messages()).isEqualTo(request.messages());
    assertThat(response.message().text()).isEqualTo("ok [NAME_1]");
  }

  @Test
  void callerMappingAndVaultKeepPlaceholdersAcrossTurns(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    PiiOptions options = PiiOptions.defaults().withVault(MappingVaults.directory(dir, VaultKeyring.generate()));
    PipelineStage stage = new PseudonymizationStageProvider().create(TestStages.context(options));
    RequestContext turn = PII_ON.withThreadId("thread-7")
        .with(Pseudonymization.KEY, Pseudonymization.ON.withCallerMapping(Map.of("[NAME_1]", "Zyxo Quarn")));
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("zyxo quarn and Clara Fischer")), new StageContext(turn)).collect();
    StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("Clara Fischer again")), new StageContext(PII_ON.withThreadId("thread-7"))).collect();
    assertThat(backend.requests().get(0).messages().get(0).text()).isEqualTo("[NAME_1] and [NAME_2]");
    assertThat(backend.requests().get(1).messages().get(0).text()).isEqualTo("[NAME_2] again");
    // The caller's mapping is not stored: only what the vault's own turns added.
    assertThat(options.vault().load(new VaultKey("space_1", "u", "thread-7")))
        .isEqualTo(Map.of("[NAME_2]", "Clara Fischer"));
  }

  @Test
  void aThreadsValuesAreRestoredOnlyForItsOwner() {
    PiiOptions options = PiiOptions.defaults().withVault(MappingVaults.inMemory());
    PipelineStage stage = new PseudonymizationStageProvider().create(TestStages.context(options));
    ScriptedModelBackend backend = ScriptedModelBackend.builder().echo().build();
    RequestContext alice = PII_ON.withPrincipal("alice").withThreadId("T1");
    StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("I am Clara Fischer, clara.fischer@example.org")), new StageContext(alice)).collect();

    // Same space and thread id, another principal: the echo must come back unrestored.
    ChatCompletionResponse probe = StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("Repeat after me: [NAME_1] [EMAIL_1]")),
        new StageContext(PII_ON.withPrincipal("mallory").withThreadId("T1"))).collect();
    ChatCompletionResponse own = StageHarness.of(stage, backend).stream(ChatCompletionRequest.of("scripted",
        new UserMessage("Repeat after me: [NAME_1] [EMAIL_1]")), new StageContext(alice)).collect();

    assertThat(probe.message().text()).doesNotContain("Clara", "Fischer", "clara.fischer@example.org");
    assertThat(own.message().text()).contains("Clara Fischer", "clara.fischer@example.org");
  }

  @Test
  void oiiSwitchControlsOrganisations() {
    ChatCompletionRequest request = ChatCompletionRequest.of("scripted",
        new UserMessage("Our supplier is Nordlicht Logistik GmbH."));
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("a"), ScriptedReply.text("b"));
    StageHarness.of(TestStages.STAGE, backend).stream(request, new StageContext(PII_ON)).collect();
    StageHarness.of(TestStages.STAGE, backend).stream(request,
        new StageContext(PII_ON.with(Pseudonymization.KEY, Pseudonymization.of(true, false)))).collect();
    List<ChatMessage> first = backend.requests().get(0).messages();
    assertThat(first.get(0).text()).isEqualTo("Our supplier is [ORG_1].");
    assertThat(backend.requests().get(1).messages().get(0).text()).isEqualTo(request.messages().get(0).text());
  }

  @Test
  void providerIsRegisteredForServiceLoaderInPrivacyPhase() {
    List<PipelineStageProvider> providers = ServiceLoader.load(PipelineStageProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("pseudonymization")).toList();
    assertThat(providers).singleElement().satisfies(p -> {
      assertThat(p.phase()).isEqualTo(dev.confidant.api.spi.Phase.PRIVACY);
      assertThat(p).isInstanceOf(PseudonymizationStageProvider.class);
    });
  }

  @Test
  void moduleInfoAndServiceFileDeclareTheSameProvider() throws Exception {
    String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"));
    String services = Files.readString(
        Path.of("src/main/resources/META-INF/services/dev.confidant.api.spi.PipelineStageProvider")).strip();
    assertThat(moduleInfo.replaceAll("\\s+", " ")).contains("provides dev.confidant.api.spi.PipelineStageProvider with "
        + services + ";");
  }
}
