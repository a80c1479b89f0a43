package dev.confidant.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.RequestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymizationTest {
  @Test
  void callerMappingKeepsTheCallersOrderIsImmutableAndIsNotCopiedAgain() {
    java.util.LinkedHashMap<String, String> source = new java.util.LinkedHashMap<>();
    for (int i = 40; i > 0; i--) {
      source.put("[NAME_" + i + "]", "Person " + (i % 7)); // several placeholders per value: order decides
    }
    Pseudonymization option = Pseudonymization.ON.withCallerMapping(source);
    source.put("[NAME_99]", "Late Entry");

    assertThat(option.callerMapping().keySet()).containsExactlyElementsOf(
        source.keySet().stream().filter(k -> !k.equals("[NAME_99]")).toList());
    assertThat(new Pseudonymization(true, false, option.callerMapping()).callerMapping())
        .isSameAs(option.callerMapping());
    assertThat(option.callerMapping()).isEqualTo(Map.copyOf(option.callerMapping()))
        .doesNotContainKey("[NAME_99]");
    assertThatThrownBy(() -> option.callerMapping().put("[NAME_1]", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(option.callerMapping().toString()).isEqualTo("{40 entries}").doesNotContain("Person");
    java.util.HashMap<String, String> withNull = new java.util.HashMap<>();
    withNull.put("[NAME_1]", null);
    assertThatThrownBy(() -> Pseudonymization.ON.withCallerMapping(withNull))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aRequestWithoutTheOptionIsNotMaskedAndTheOptionNeverPrintsTheMapping() {
    assertThat(Pseudonymization.of(RequestContext.anonymous())).isEqualTo(Pseudonymization.OFF);
    RequestContext context = RequestContext.of("alice", "space")
        .with(Pseudonymization.KEY, Pseudonymization.ON.withCallerMapping(Map.of("[NAME_1]", "John Doe")));
    assertThat(Pseudonymization.of(context).personalData()).isTrue();
    assertThat(context.toString() + Pseudonymization.of(context)).doesNotContain("John Doe")
        .contains("callerMapping=<1 entries>");
  }
}
