package dev.confidant.tools.pii.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  @Test
  void aCaseOfARecognizerWithSeveralEntitiesIsScoredAsTheEntityItsFileNames(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("all_vectors.jsonl"), """
        {"kind": "span", "recognizer": "spacy_recognizer", "entities": ["PERSON", "DATE_TIME"], "text": "Mr. May", "expected_len": 1, "expected_spans": [[4, 7]]}
        {"kind": "span", "recognizer": "spacy_recognizer", "entities": ["PERSON", "DATE_TIME"], "text": "May 1st, 1977", "expected_len": 1, "expected_spans": [[0, 13]]}
        {"kind": "span", "recognizer": "spacy_recognizer", "entities": ["PERSON", "DATE_TIME"], "text": "not in its file", "expected_len": 1, "expected_spans": [[0, 3]]}
        {"kind": "span", "recognizer": "email_recognizer", "entities": ["EMAIL_ADDRESS"], "text": "a@b.org", "expected_len": 1, "expected_spans": [[0, 7]]}
        {"kind": "span", "recognizer": "phone_recognizer", "entities": ["PHONE_NUMBER", "PHONE_NUMBER"], "text": "US: 415-555-0132", "expected_len": 1, "expected_spans": [[4, 16]]}
        """);
    Files.writeString(dir.resolve("spacy_recognizer.json"), """
        {"entities": ["PERSON", "DATE_TIME"], "cases": [
          {"text": "Mr. May", "expected_len": 1, "expected_positions": [[4, 7]], "entity_num": 0},
          {"text": "May 1st, 1977", "expected_len": 1, "expected_positions": [[0, 13]], "entity_num": 1}]}
        """);

    List<Example> examples = Datasets.presidioVectors(dir);

    // The date is DATE_TIME, a class not scored; a case its file does not list is not guessed; a recognizer that
    // lists one entity twice needs no entity_num.
    assertThat(examples).extracting(Example::text).containsExactly("Mr. May", "a@b.org", "US: 415-555-0132");
    assertThat(examples.get(0).gold()).containsExactly(new Example.Span("PERSON", 4, 7));
  }
}
