package dev.confidant.core.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The networknt-backed checker: the keywords the hand-written subset ignored are enforced now. */
class JsonSchemaTest {
  private static JsonSchema schema(String json) {
    return JsonSchema.parse(RawJson.of(json));
  }

  @Test
  void patternAndFormatAreEnforced() {
    JsonSchema s = schema("""
        {"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}-\\\\d{4}$"},
         "day":{"type":"string","format":"date"},"mail":{"type":"string","format":"email"}},
         "required":["code"],"additionalProperties":false}""");
    assertThat(s.validate("{\"code\":\"ABC-1234\",\"day\":\"2026-12-07\",\"mail\":\"ada@example.com\"}")).isEmpty();
    List<String> problems = s.validate("{\"code\":\"abc-12\",\"day\":\"7 Dec\",\"mail\":\"no mail\"}");
    assertThat(problems).hasSize(3);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.code: ").contains("pattern"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.day: ").contains("date"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.mail: ").contains("email"));
    assertThat(String.join(" ", problems)).doesNotContain("abc-12").doesNotContain("7 Dec").doesNotContain("no mail");
  }

  @Test
  void typesRequiredEnumsNullableRefsAndAdditionalProperties() {
    JsonSchema s = schema("""
        {"type":"object","$defs":{"item":{"type":"object","properties":{"qty":{"type":"integer"}},
         "required":["qty"]}},
         "properties":{"status":{"enum":["open","shipped"]},"note":{"type":"string","nullable":true},
          "items":{"type":"array","items":{"$ref":"#/$defs/item"}}, "next":{"$ref":"#"}},
         "additionalProperties":false}""");
    assertThat(s.validate("{\"status\":\"open\",\"note\":null,\"items\":[{\"qty\":2}],\"next\":{\"status\":\"shipped\"}}"))
        .isEmpty();
    List<String> problems = s.validate(
        "{\"status\":\"Anna Weber\",\"note\":3,\"items\":[{}],\"next\":{\"status\":\"lost\"},\"extra\":1}");
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.status: "))
        .anySatisfy(p -> assertThat(p).startsWith("$.note: "))
        .anySatisfy(p -> assertThat(p).startsWith("$.items[0]: ").contains("qty"))
        .anySatisfy(p -> assertThat(p).startsWith("$.next.status: "))
        .anySatisfy(p -> assertThat(p).contains("extra"));
    assertThat(String.join(" ", problems)).doesNotContain("Anna");
  }

  @Test
  void unparsableArgumentsAreOneProblemWithoutTheirText() {
    assertThat(schema("{\"type\":\"object\"}").validate("{\"city\": \"Kö"))
        .singleElement().asString().startsWith("$: the arguments are not valid JSON").doesNotContain("Kö");
    assertThat(schema("{\"type\":\"object\"}").validate(" ")).isEmpty(); // blank arguments are {}
  }

  @Test
  void remoteReferencesAreNeverFetched() {
    JsonSchema s = schema("{\"$ref\":\"http://127.0.0.1:9/secret.json\"}");
    assertThat(s.validate("{}")).singleElement().asString().startsWith("$: the schema cannot be applied");
    JsonSchema classpath = schema("{\"$ref\":\"classpath:logback.xml\"}");
    assertThat(classpath.validate("{}")).singleElement().asString().startsWith("$: the schema cannot be applied");
  }

  @Test
  void aSchemaMustBeAnObject() {
    assertThatThrownBy(() -> schema("[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> schema("{")).isInstanceOf(IllegalArgumentException.class);
  }
}
