package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPrefixTest {

  private static JsonPrefix fed(String text) {
    JsonPrefix p = new JsonPrefix(0);
    assertThat(p.accept(text.getBytes(StandardCharsets.UTF_8))).as("prefix %s", text).isTrue();
    return p;
  }

  private static boolean accepts(String text) {
    return new JsonPrefix(0).accept(text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"a\":1}", "{ \"a\" : [1, -2.5e+3, 0, true, false, null, \"x\\n\\u00e9\"] }",
      "{\"k\":{\"n\":{}},\"l\":[[],[{}]],\"s\":\"Köln 😀\"}", "{\"a\":0.0E-0}"})
  void acceptsCompleteObjectsAndEveryPrefixOfThem(String json) throws Exception {
    new ObjectMapper().readTree(json); // the samples are JSON
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    JsonPrefix p = new JsonPrefix(0);
    for (int i = 0; i < bytes.length; i++) {
      assertThat(p.complete()).isFalse();
      assertThat(p.accept(bytes[i] & 0xFF)).as("byte %d of %s", i, json).isTrue();
    }
    assertThat(p.complete()).isTrue();
    assertThat(p.distance()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", " {", "{}x", "{} ", "{a", "{\"a\" 1", "{\"a\":01", "{\"a\":-}", "{\"a\":1.}",
      "{\"a\":tru}", "{\"a\":[1}", "{\"a\":{]", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{,", "{\"a\":1,}",
      "{\"a\":\"\\u12G"})
  void rejectsWhatCannotContinueAnObject(String text) {
    assertThat(accepts(text)).isFalse();
  }

  @Test
  void rejectsBrokenUtf8InStrings() {
    assertThat(new JsonPrefix(0).accept(new byte[] {'{', '"', (byte) 0x80})).isFalse();
    assertThat(new JsonPrefix(0).accept(new byte[] {'{', '"', (byte) 0xC3, 'a'})).isFalse();
    assertThat(new JsonPrefix(0).accept(new byte[] {'{', '"', (byte) 0xC3, (byte) 0xA9, '"'})).isTrue();
  }

  @Test
  void distanceCountsTheFewestBytesToClose() {
    assertThat(new JsonPrefix(0).distance()).isEqualTo(2); // {}
    assertThat(fed("{").distance()).isEqualTo(1); // }
    assertThat(fed("{\"ab").distance()).isEqualTo(4); // ":0}
    assertThat(fed("{\"a\"").distance()).isEqualTo(3); // :0}
    assertThat(fed("{\"a\":[{\"b\":tr").distance()).isEqualTo(5); // ue}]}
    assertThat(fed("{\"a\":[1,").distance()).isEqualTo(3); // 0]}
    assertThat(fed("{\"a\":12").distance()).isEqualTo(1); // }
    assertThat(fed("{\"a\":\"\\u00").distance()).isEqualTo(4); // 00"}
  }

  @Test
  void leadingSpacesTheDecoderStripsAreAllowedBeforeTheBrace() {
    assertThat(new JsonPrefix(1).accept(" {}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(new JsonPrefix(1).accept("  {}".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void runsOfWhitespaceAndNestingAreBounded() {
    assertThat(accepts("{" + " ".repeat(JsonPrefix.MAX_WHITESPACE))).isTrue();
    assertThat(accepts("{" + " ".repeat(JsonPrefix.MAX_WHITESPACE + 1))).isFalse();
    assertThat(accepts("{\"a\":" + "[".repeat(JsonPrefix.MAX_DEPTH - 1))).isTrue();
    assertThat(accepts("{\"a\":" + "[".repeat(JsonPrefix.MAX_DEPTH))).isFalse();
  }

  @Test
  void aCopyIsIndependent() {
    JsonPrefix p = fed("{\"a\":[");
    JsonPrefix copy = new JsonPrefix(0);
    copy.copyFrom(p);
    assertThat(copy.accept("1]}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(copy.complete()).isTrue();
    assertThat(p.complete()).isFalse();
    assertThat(p.accept("{}]}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(p.complete()).isTrue();
  }
}
