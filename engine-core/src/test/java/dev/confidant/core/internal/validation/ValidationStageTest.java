package dev.confidant.core.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Sampling;
import dev.confidant.api.UserMessage;
import dev.confidant.api.Violation;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.Phase;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.PipelineStageProvider;
import dev.confidant.testkit.AbstractPipelineStageContractTest;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.StageHarness;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code validation} stage passes the stage contract and stops invalid requests before the model. */
class ValidationStageTest extends AbstractPipelineStageContractTest {
  private static final EngineContext NO_OPTIONS = new EngineContext() {
    @Override
    public <T> Optional<T> option(EngineOption<T> option) {
      return Optional.empty();
    }
  };

  @Override
  protected PipelineStage stage() {
    return new ValidationStageProvider().create(NO_OPTIONS);
  }

  @Test
  void invalidRequestIsRejectedWithEveryViolationBeforeTheModel() {
    ScriptedModelBackend backend = ScriptedModelBackend.of(ScriptedReply.text("never"));
    ChatCompletionRequest request = ChatCompletionRequest.of("m", new UserMessage("Hi"))
        .withSampling(Sampling.DEFAULT.withTemperature(2.5).withTopP(-1.0));

    assertThatThrownBy(() -> StageHarness.of(stage(), backend).stream(request))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("temperature", "top_p"));
    assertThat(backend.requests()).as("requests that reached the model").isEmpty();
  }

  @Test
  void providerIsTheValidationStageOfTheValidatePhaseAndIsDiscovered() {
    ValidationStageProvider provider = new ValidationStageProvider();

    assertThat(provider.name()).isEqualTo("validation").matches("[a-z][a-z0-9-]{0,63}");
    assertThat(provider.phase()).isEqualTo(Phase.VALIDATE);
    assertThat(ServiceLoader.load(PipelineStageProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(ValidationStageProvider.class);
  }
}
