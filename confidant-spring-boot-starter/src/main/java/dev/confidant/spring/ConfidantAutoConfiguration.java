package dev.confidant.spring;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.core.ChatEngines;
import dev.confidant.core.ModelSpec;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.PlaceholderStyle;
import dev.confidant.rag.Embedders;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.rag.RagOptions;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures a {@link ChatCompletionEngine} from {@link ConfidantProperties} ({@code confidant.*}): the stages
 * and backends on the class path (ServiceLoader), the configured models, every {@link ToolProvider} bean as a
 * server tool, every {@link EngineListener.Factory} bean as a listener, then every {@link EngineCustomizer}. With
 * engine-pii the PII options come from {@code confidant.pii.*}; with engine-rag and {@code confidant.rag.storage-dir}
 * a {@link KnowledgeBase} bean feeds the retrieval stage; with Micrometer's {@link ObservationRegistry} each call is
 * observed; with Spring Boot Actuator a {@code confidant} health indicator is added. Backs off when the application
 * declares its own engine.
 */
// After Actuator's observation set-up, so that its ObservationRegistry bean is there to be found.
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@EnableConfigurationProperties(ConfidantProperties.class)
public class ConfidantAutoConfiguration {

  /** The engine; closed with the application context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ChatCompletionEngine confidantEngine(ConfidantProperties properties, ObjectProvider<ToolProvider> tools,
      ObjectProvider<EngineListener.Factory> listeners, ObjectProvider<EngineCustomizer> customizers) {
    ChatEngines.Builder builder = ChatEngines.builder();
    for (ConfidantProperties.Model m : properties.getModels()) {
      builder.model(spec(m));
    }
    if (properties.getDefaultModel() != null) {
      builder.defaultModel(properties.getDefaultModel());
    }
    tools.orderedStream().forEach(builder::addTool);
    listeners.orderedStream().forEach(builder::addListener);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  private static ModelSpec spec(ConfidantProperties.Model m) {
    if (m.getId() == null || m.getBackend() == null) {
      throw new IllegalArgumentException("confidant.models[]: every model needs an id and a backend");
    }
    ModelSpec.Builder spec = ModelSpec.builder(m.getId(), m.getBackend()).contextWindow(m.getContextWindow());
    if (m.getBackendModel() != null) {
      spec.backendModel(m.getBackendModel());
    }
    return spec.build();
  }

  /** PII options from {@code confidant.pii.*}, when engine-pii is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(PiiOptions.class)
  static class PiiConfiguration {
    @Bean
    EngineCustomizer confidantPiiOptions(ConfidantProperties properties) {
      ConfidantProperties.Pii pii = properties.getPii();
      PiiOptions options = PiiOptions.defaults()
          .withPlaceholderStyle(PlaceholderStyle.valueOf(pii.getPlaceholderStyle().toUpperCase(Locale.ROOT)))
          .withMinScore(pii.getMinScore())
          .withNameModel(pii.isNameModel());
      return builder -> builder.option(PiiOptions.KEY, options);
    }
  }

  /** A knowledge base under {@code confidant.rag.storage-dir}, when engine-rag is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KnowledgeBase.class)
  @ConditionalOnProperty(prefix = "confidant.rag", name = "storage-dir")
  static class RagConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KnowledgeBase confidantKnowledgeBase(ConfidantProperties properties) {
      Path dir = properties.getRag().getStorageDir();
      return KnowledgeBase.open(dir, Embedders.allMiniLmL6V2(), RagOptions.defaults());
    }

    @Bean
    EngineCustomizer confidantKnowledge(KnowledgeBase knowledgeBase) {
      return builder -> builder.option(RagOptions.KNOWLEDGE_BASE, knowledgeBase);
    }
  }

  /** A Micrometer observation per call, when the application has an observation registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  static class ObservationConfiguration {
    @Bean
    @ConditionalOnBean(ObservationRegistry.class)
    EngineListener.Factory confidantObservations(ObservationRegistry registry) {
      return new ObservationListener(registry);
    }
  }

  /** The {@code confidant} health indicator, when Spring Boot Actuator is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "confidantHealthIndicator")
    HealthIndicator confidantHealthIndicator(ChatCompletionEngine engine) {
      return new ConfidantHealthIndicator(engine);
    }
  }
}
