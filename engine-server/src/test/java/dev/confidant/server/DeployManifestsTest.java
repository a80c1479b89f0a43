package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment examples of docs/deploy.md cannot be run here (no container runtime, no cluster), so this checks
 * what can be checked without one: every file parses as YAML, the Confidant configuration in them is one the server
 * accepts with both cluster stores, every node gets the vault key, and the Kubernetes objects refer to each other
 * consistently (secret keys, service selectors, named ports).
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("../docs/deploy");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static void assertClustered(ServerConfig config) {
    assertThat(config.storage().postgres()).isNotNull();
    assertThat(config.storage().opensearch()).isNotNull();
    assertThat(config.storage().postgres().passwordEnv()).isEqualTo("CONFIDANT_POSTGRES_PASSWORD");
  }

  @Test
  void composeRunsTheThreeServicesWithTheKeyOnEveryNode() throws IOException {
    JsonNode compose = documents(DEPLOY.resolve("compose.yaml")).getFirst();
    JsonNode services = compose.get("services");
    assertThat(services.has("postgres")).isTrue();
    assertThat(services.has("opensearch")).isTrue();
    List<String> nodes = new ArrayList<>();
    services.fieldNames().forEachRemaining(name -> {
      if (name.startsWith("confidant")) {
        nodes.add(name);
      }
    });
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
    for (String node : nodes) {
      JsonNode service = services.get(node);
      assertThat(service.path("environment").has("CONFIDANT_VAULT_KEY")).as(node).isTrue();
      assertThat(service.path("depends_on").has("postgres")).as(node).isTrue();
      assertThat(service.path("depends_on").has("opensearch")).as(node).isTrue();
      assertThat(service.path("command").toString()).as(node).contains("serve", "--config");
    }
    assertThat(services.path("opensearch").path("image").asText()).endsWith(":2.19.1");
    assertThat(services.path("postgres").path("image").asText()).isEqualTo("postgres:15");
    assertClustered(ServerConfig.load(DEPLOY.resolve("confidant.yaml")));
  }

  @Test
  void kubernetesObjectsAreWellFormedAndReferToEachOther() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        objects.addAll(documents(file));
      }
    }
    Set<String> kinds = new HashSet<>();
    Map<String, Set<String>> secretKeys = new HashMap<>();
    List<JsonNode> workloads = new ArrayList<>();
    for (JsonNode o : objects) {
      assertThat(o.path("apiVersion").asText()).as(o.toString()).isNotEmpty();
      assertThat(o.path("metadata").path("name").asText()).as(o.toString()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
      String kind = o.path("kind").asText();
      kinds.add(kind);
      switch (kind) {
        case "ConfigMap" -> assertClustered(ServerConfig.parse(o.path("data").path("config.yaml").asText()));
        case "Secret" -> {
          Set<String> keys = new HashSet<>();
          o.path("stringData").fieldNames().forEachRemaining(keys::add);
          secretKeys.put(o.path("metadata").path("name").asText(), keys);
        }
        case "Deployment", "StatefulSet" -> {
          workloads.add(o);
          assertThat(o.path("spec").path("selector").path("matchLabels"))
              .isEqualTo(o.path("spec").path("template").path("metadata").path("labels"));
        }
        default -> { }
      }
    }
    assertThat(kinds).contains("ConfigMap", "Secret", "Deployment", "StatefulSet", "Service");
    for (JsonNode workload : workloads) {
      for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
        for (JsonNode env : container.path("env")) {
          JsonNode ref = env.path("valueFrom").path("secretKeyRef");
          if (!ref.isMissingNode()) {
            assertThat(secretKeys.get(ref.path("name").asText())).as(env.toString())
                .contains(ref.path("key").asText());
          }
        }
      }
    }
    JsonNode confidant = workloads.stream().filter(w -> w.path("kind").asText().equals("Deployment")).findFirst()
        .orElseThrow();
    assertThat(confidant.path("spec").path("template").path("spec").path("containers").get(0).path("env")
        .findValuesAsText("name")).contains("CONFIDANT_VAULT_KEY", "CONFIDANT_POSTGRES_PASSWORD");
    for (JsonNode service : objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
      JsonNode selector = service.path("spec").path("selector");
      JsonNode target = workloads.stream()
          .filter(w -> w.path("spec").path("template").path("metadata").path("labels").equals(selector))
          .findFirst().orElse(null);
      assertThat(target).as("a workload for service " + service.path("metadata").path("name")).isNotNull();
      List<String> portNames = target.path("spec").path("template").path("spec").path("containers").get(0)
          .path("ports").findValuesAsText("name");
      for (JsonNode port : service.path("spec").path("ports")) {
        JsonNode targetPort = port.path("targetPort");
        if (targetPort.isTextual()) {
          assertThat(portNames).as(service.toString()).contains(targetPort.asText());
        }
      }
    }
  }
}
