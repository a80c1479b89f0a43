package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.testkit.ScriptedModelBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
  private static Harness h;

  @BeforeAll
  static void start() {
    h = new Harness(ScriptedModelBackend.echo());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api-proxy/v1/chat/completions", "/v1/chat/completions"})
  void missingTokenIs401WithBearerChallenge(String path) {
    HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(Harness.userMessage("Hi"))));

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Not authenticated\"}");
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong", "Bearer ", "Basic YWRtaW46YWRtaW4=", "admin-token", "Bearer admin-token2"})
  void invalidAuthorizationIs401(String authorization) {
    HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri("/api-proxy/v1/chat/completions"))
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(Harness.userMessage("Hi"))));

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Not authenticated\"}");
    assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void modelsNeedAuthentication() {
    HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri("/v1/models")).GET());

    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Not authenticated\"}");
  }

  @Test
  void authenticationComesBeforeBodyValidation() {
    HttpResponse<String> res = h.send(HttpRequest.newBuilder(h.uri("/v1/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString("not json")));

    assertThat(res.statusCode()).isEqualTo(401);
  }

  @Test
  void nonMemberOfTheSpaceIs403() {
    HttpResponse<String> res = h.send(h.post("/api-proxy/v1/chat/completions", Harness.VIEWER,
        Harness.userMessage("Hi")).header("X-Aimable-Space-Id", "other"));

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(Harness.seedBody(res))
        .isEqualTo("{\"detail\":\"Not authorized for space 'other'; your spaces: [default]\"}");
  }

  @Test
  void unknownSpaceIsTheSame403AsAForeignOneAndNamesTheCallersSpaces() {
    HttpResponse<String> unknown = h.send(h.post("/api-proxy/v1/chat/completions", Harness.VIEWER,
        Harness.userMessage("Hi")).header("X-Space-Id", "no-such-space"));
    HttpResponse<String> foreign = h.send(h.post("/api-proxy/v1/chat/completions", Harness.VIEWER,
        Harness.userMessage("Hi")).header("X-Space-Id", "other"));

    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.body()).isEqualTo(foreign.body().replace("'other'", "'no-such-space'"));
    assertThat(Harness.seedBody(h.send(h.post("/api-proxy/v1/chat/completions", Harness.ADMIN,
        Harness.userMessage("Hi")).header("X-Space-Id", "space_abc123"))))
        .isEqualTo("{\"detail\":\"Not authorized for space 'space_abc123'; your spaces: [default, other]\"}");
  }

  @Test
  void callerWithoutAnySpaceIs403InTheDefaultSpace() {
    assertThat(h.chat(Harness.OUTSIDER, Harness.userMessage("Hi")).statusCode()).isEqualTo(403);
    assertThat(h.send(h.get("/v1/models", Harness.OUTSIDER).header("X-Space-Id", "default")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void viewerMayChat() {
    HttpResponse<String> res = h.chat(Harness.VIEWER, Harness.userMessage("Hi"));

    assertThat(res.statusCode()).isEqualTo(200);
  }

  @Test
  void customAuthenticatorReplacesTheTokenList() {
    Authenticator oidc = token -> token.equals("jwt-for-vera") ? Optional.of(new Principal("vera"))
        : Optional.empty();
    try (ConfidantServer server = ConfidantServer.builder(Harness.config()).engine(h.engine).authenticator(oidc)
        .start()) {
      URI chat = server.uri().resolve("/v1/chat/completions");
      HttpResponse<String> ok = h.send(HttpRequest.newBuilder(chat).header("Authorization", "Bearer jwt-for-vera")
          .POST(HttpRequest.BodyPublishers.ofString(Harness.userMessage("Hi"))));
      HttpResponse<String> denied = h.send(HttpRequest.newBuilder(chat)
          .header("Authorization", "Bearer " + Harness.ADMIN)
          .POST(HttpRequest.BodyPublishers.ofString(Harness.userMessage("Hi"))));

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(denied.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void developmentTokenComesFromTheEnvironmentOrIsGeneratedAndAnnouncedOnce() {
    List<String> announced = new java.util.ArrayList<>();

    assertThat(ConfidantServer.developmentToken(java.util.Map.of("CONFIDANT_TOKEN", "from-env"), announced::add))
        .isEqualTo("from-env");
    assertThat(announced).isEmpty();

    String generated = ConfidantServer.developmentToken(java.util.Map.of(), announced::add);
    assertThat(generated).startsWith("cfd_").hasSizeGreaterThan(30);
    assertThat(announced).containsExactly(generated);
    assertThat(ConfidantServer.developmentToken(java.util.Map.of(), s -> { })).isNotEqualTo(generated);
  }
}
