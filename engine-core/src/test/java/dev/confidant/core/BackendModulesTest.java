package dev.confidant.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.EngineConfigException;
import org.junit.jupiter.api.Test;

/** engine-core carries no model backend: a user who adds none is told which modules provide one. */
class BackendModulesTest {

  @Test
  void anEngineWithoutABackendModuleNamesTheModulesToAdd() {
    assertThatThrownBy(() -> ChatEngines.builder().build())
        .isInstanceOf(EngineConfigException.class)
        .hasMessageContaining("no model backend")
        .hasMessageContaining("engine-jlama, engine-openai or engine-langchain4j");
  }

  @Test
  void noBackendIsDiscoveredInEngineCoreItself() throws ClassNotFoundException {
    assertThatThrownBy(() -> Class.forName("dev.langchain4j.model.chat.ChatModel"))
        .as("LangChain4j is not on engine-core's class path").isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.github.tjake.jlama.model.AbstractModel"))
        .as("Jlama is not on engine-core's class path").isInstanceOf(ClassNotFoundException.class);
  }
}
