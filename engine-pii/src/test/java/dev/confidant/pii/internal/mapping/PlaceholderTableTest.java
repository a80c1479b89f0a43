package dev.confidant.pii.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PlaceholderTableTest {
  @Test
  void findsAKeyFromEverySpellingInTheText() {
    PlaceholderTable t = PlaceholderTable.of(Map.of("NAME_1", "Anna", "COMPANY_ID_12", "DE1"));
    assertThat(value(t, "x [NAME_1] y", 3, 7, 9)).isEqualTo("Anna");
    assertThat(value(t, "[Name 1]", 1, 5, 7)).isEqualTo("Anna");
    assertThat(value(t, "name_1's", 0, 4, 6)).isEqualTo("Anna");
    assertThat(value(t, "<company_Id_12>", 1, 11, 14)).isEqualTo("DE1");
    assertThat(t.get("COMPANY_ID_12")).isEqualTo("DE1");
  }

  @Test
  void unknownAndNearMissPlaceholdersAreNotFound() {
    PlaceholderTable t = PlaceholderTable.of(Map.of("NAME_1", "Anna", "NAME_01", "Zero one"));
    assertThat(value(t, "NAME_2", 0, 4, 6)).isNull();
    assertThat(value(t, "NAME_11", 0, 4, 7)).isNull();
    assertThat(value(t, "NAMES_1", 0, 5, 7)).isNull();
    assertThat(value(t, "NAME_01", 0, 4, 7)).isEqualTo("Zero one"); // digits are compared as written
    assertThat(t.get("EMAIL_1")).isNull();
    assertThat(new PlaceholderTable().get("NAME_1")).isNull();
  }

  @Test
  void theFirstValueOfAKeyStays() {
    PlaceholderTable t = new PlaceholderTable();
    assertThat(t.putIfAbsent("NAME_1", "Anna")).isTrue();
    assertThat(t.putIfAbsent("NAME_1", "Bob")).isFalse();
    assertThat(t.get("NAME_1")).isEqualTo("Anna");
    assertThat(t.size()).isEqualTo(1);
  }

  @Test
  void placeholdersAsCallersWriteThemAreCanonicalized() {
    Map<String, String> caller = new LinkedHashMap<>();
    caller.put("<Name_1>", "Anna");
    caller.put("[NAME_1]", "Bob"); // a second spelling of the same key: the first wins, as in Mapping.seed
    caller.put("[EMAIL 2]", "a@b.org");
    caller.put("not a placeholder", "x");
    caller.put("[PHONE_1]", ""); // empty values are not restored
    PlaceholderTable t = PlaceholderTable.ofPlaceholders(caller);
    assertThat(t.get("NAME_1")).isEqualTo("Anna");
    assertThat(t.get("EMAIL_2")).isEqualTo("a@b.org");
    assertThat(t.get("PHONE_1")).isNull();
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void placeholdersAreReadExactlyAsPlaceholdersCanonicalReadsThem() {
    List<String> keys = new ArrayList<>(List.of(" [NAME_1] ", "[NAME 1]", "<Name_1>", "NAME_1", "[NAME_1", "NAME__1",
        "[_NAME_1]", "[NAME_]", "[1_1]", "[N\u00c4ME_1]", "[NAME_1234567890]", "[NAME_123456789]", "[A B_1]",
        "[" + "A".repeat(32) + "_1]", "[" + "A".repeat(33) + "_1]", "[]", "_1", "[NAME_1>", "\t<ORG 12>\n"));
    Random random = new Random(42);
    String alphabet = "[]<> _aAzZ19\u00c4";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder k = new StringBuilder();
      for (int n = 1 + random.nextInt(12); n > 0; n--) {
        k.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      keys.add(k.toString());
    }
    for (String key : keys) {
      PlaceholderTable t = PlaceholderTable.ofPlaceholders(Map.of(key, "v"));
      String canonical = Placeholders.canonical(key);
      if (canonical == null) {
        assertThat(t.size()).as(key).isZero();
      } else {
        assertThat(t.size()).as(key).isEqualTo(1);
        assertThat(t.get(canonical)).as(key).isEqualTo("v");
      }
    }
  }

  @Test
  void tagsWithTheSameHashAreToldApart() {
    // The tag hash reads the length and the first, middle and last chars: these four tags share it.
    assertThat(PlaceholderTable.tagHash(4, 'N', 'M', 'E')).isEqualTo(PlaceholderTable.tagHash(4, 'n', 'm', 'e'));
    PlaceholderTable t = PlaceholderTable.of(Map.of("NAME_1", "a", "NOME_1", "b", "NXME_1", "c", "N_ME_1", "d"));
    assertThat(t.get("NAME_1")).isEqualTo("a");
    assertThat(t.get("NOME_1")).isEqualTo("b");
    assertThat(value(t, "[nxme_1]", 1, 5, 7)).isEqualTo("c");
    assertThat(t.get("N_ME_1")).isEqualTo("d");
    assertThat(t.get("NYME_1")).isNull();
  }

  @Test
  void manyTagsAndKeysWithSharedSlotsStayApart() {
    Map<String, String> m = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder tag = new StringBuilder();
      for (int c = 1 + random.nextInt(6); c > 0; c--) {
        tag.append((char) ('A' + random.nextInt(26)));
      }
      m.put(tag + "_" + random.nextInt(1_000), "v" + i);
    }
    PlaceholderTable t = PlaceholderTable.of(m);
    assertThat(t.size()).isEqualTo(m.size());
    m.forEach((k, v) -> assertThat(t.get(k)).as(k).isEqualTo(v));
    assertThat(t.get("ZZZZZZZ_1")).isNull();
  }

  @Test
  void sparseNumbersAndLeadingZerosLiveBesideDenseNumbersOfTheSameTag() {
    PlaceholderTable t = new PlaceholderTable();
    assertThat(t.putIfAbsent("NAME_500", "early")).isTrue(); // far beyond the tag's numbers so far
    assertThat(t.putIfAbsent("NAME_999999999", "sparse")).isTrue();
    assertThat(t.putIfAbsent("NAME_007", "bond")).isTrue();
    for (int i = 1; i <= 1_000; i++) {
      t.putIfAbsent("NAME_" + i, "v" + i); // 500 is taken: its first value stays
    }
    assertThat(t.putIfAbsent("NAME_500", "again")).isFalse();
    assertThat(t.putIfAbsent("NAME_999999999", "again")).isFalse();
    assertThat(t.size()).isEqualTo(1_002);
    assertThat(t.get("NAME_500")).isEqualTo("early");
    assertThat(t.get("NAME_7")).isEqualTo("v7");
    assertThat(t.get("NAME_007")).isEqualTo("bond");
    assertThat(t.get("NAME_07")).isNull();
    assertThat(t.get("NAME_999999999")).isEqualTo("sparse");
    assertThat(t.get("NAME_1001")).isNull();
    assertThat(t.get("NAME_0")).isNull();
    assertThat(value(t, "<name 1000>", 1, 5, 10)).isEqualTo("v1000");
  }

  @Test
  void keysThatAreNotCanonicalAreRefused() {
    PlaceholderTable t = new PlaceholderTable();
    assertThat(t.putIfAbsent("[NAME_1]", "x")).isFalse();
    assertThat(t.putIfAbsent("NAME_1234567890", "x")).isFalse(); // more than 9 digits
    assertThat(t.putIfAbsent("name_1", "x")).isFalse();
    assertThat(t.putIfAbsent("NAME_", "x")).isFalse();
    assertThat(t.size()).isZero();
    assertThat(t.get("NAME_1x")).isNull();
  }

  @Test
  void holdsAHundredThousandEntriesGrowingFromEmpty() {
    PlaceholderTable t = new PlaceholderTable();
    for (int i = 1; i <= 100_000; i++) {
      assertThat(t.putIfAbsent("NAME_" + i, "v" + i)).isTrue();
    }
    assertThat(t.size()).isEqualTo(100_000);
    for (int i = 1; i <= 100_000; i++) {
      String text = "[name " + i + "]";
      assertThat(t.value(text, 1, 5, text.length() - 1)).isEqualTo("v" + i);
    }
    assertThat(t.get("NAME_100001")).isNull();
    assertThat(t.get("NAME_0")).isNull();
  }

  @Test
  void readersRunningDuringWritesSeeEveryPublishedEntryAndNoWrongOne() throws Exception {
    int n = 200_000;
    PlaceholderTable t = new PlaceholderTable();
    AtomicInteger published = new AtomicInteger();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      int seed = r;
      readers.add(Thread.ofPlatform().start(() -> {
        int probe = seed;
        while (published.get() < n && failure.get() == null) {
          int upTo = published.get(); // every key up to here was put before the counter moved
          for (int k = 0; k < 64 && upTo > 0; k++) {
            probe = (probe * 1_103_515_245 + 12_345) & 0x7fffffff;
            int i = 1 + probe % upTo;
            String value = t.get("ID_" + i);
            if (!("v" + i).equals(value)) {
              failure.compareAndSet(null, "ID_" + i + " -> " + value);
            }
          }
          String unknown = t.get("ID_" + (n + 1 + probe % 1000));
          if (unknown != null) {
            failure.compareAndSet(null, "unknown key found: " + unknown);
          }
        }
      }));
    }
    for (int i = 1; i <= n; i++) {
      t.putIfAbsent("ID_" + i, "v" + i);
      published.set(i);
    }
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(failure.get()).isNull();
  }

  private static String value(PlaceholderTable t, String text, int start, int sep, int end) {
    return t.value(text, start, sep, end);
  }
}
