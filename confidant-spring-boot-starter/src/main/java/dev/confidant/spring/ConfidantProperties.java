package dev.confidant.spring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code confidant.*} properties of the auto-configured engine. Mutable (Spring binds it); read once at start.
 *
 * {@snippet lang=yaml :
 * confidant:
 *   default-model: confidant-tiny        # the model for requests that name none
 *   models:                              # the registry; empty = what the backends on the class path offer
 *     - id: support-llm
 *       backend: openai                  # jlama | openai | any registered backend
 *       backend-model: Qwen/Qwen2.5-7B-Instruct
 *   pii:
 *     placeholder-style: square          # [NAME_1] (square) or <NAME_1> (angle)
 *     min-score: 0.4
 *     name-model: true                   # needs dev.confidant:engine-pii-models
 *   rag:
 *     storage-dir: /var/lib/confidant/knowledge   # a knowledge base for the retrieval stage
 * }
 */
@ConfigurationProperties("confidant")
public class ConfidantProperties {
  private @Nullable String defaultModel;
  private List<Model> models = new ArrayList<>();
  private final Pii pii = new Pii();
  private final Rag rag = new Rag();

  public @Nullable String getDefaultModel() {
    return defaultModel;
  }

  public void setDefaultModel(@Nullable String defaultModel) {
    this.defaultModel = defaultModel;
  }

  public List<Model> getModels() {
    return models;
  }

  public void setModels(List<Model> models) {
    this.models = models;
  }

  public Pii getPii() {
    return pii;
  }

  public Rag getRag() {
    return rag;
  }

  /** One model of the registry. */
  public static class Model {
    private @Nullable String id;
    private @Nullable String backend;
    private @Nullable String backendModel;
    private @Nullable Integer contextWindow;

    public @Nullable String getId() {
      return id;
    }

    public void setId(@Nullable String id) {
      this.id = id;
    }

    public @Nullable String getBackend() {
      return backend;
    }

    public void setBackend(@Nullable String backend) {
      this.backend = backend;
    }

    public @Nullable String getBackendModel() {
      return backendModel;
    }

    public void setBackendModel(@Nullable String backendModel) {
      this.backendModel = backendModel;
    }

    public @Nullable Integer getContextWindow() {
      return contextWindow;
    }

    public void setContextWindow(@Nullable Integer contextWindow) {
      this.contextWindow = contextWindow;
    }
  }

  /** Pseudonymization ({@code engine-pii}); requests switch it on per call with the request context. */
  public static class Pii {
    private String placeholderStyle = "square";
    private double minScore = 0.4;
    private boolean nameModel = true;

    public String getPlaceholderStyle() {
      return placeholderStyle;
    }

    public void setPlaceholderStyle(String placeholderStyle) {
      this.placeholderStyle = placeholderStyle;
    }

    public double getMinScore() {
      return minScore;
    }

    public void setMinScore(double minScore) {
      this.minScore = minScore;
    }

    public boolean isNameModel() {
      return nameModel;
    }

    public void setNameModel(boolean nameModel) {
      this.nameModel = nameModel;
    }
  }

  /** Retrieval ({@code engine-rag}). */
  public static class Rag {
    private @Nullable Path storageDir;

    public @Nullable Path getStorageDir() {
      return storageDir;
    }

    public void setStorageDir(@Nullable Path storageDir) {
      this.storageDir = storageDir;
    }
  }
}
