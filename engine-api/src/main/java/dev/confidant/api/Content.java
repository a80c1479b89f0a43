package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** Message content: a plain string or an array of content parts, as the wire format allows both. */
public sealed interface Content permits Content.Text, Content.Parts {

  /** The text of this content; for parts, the text parts joined with no separator. */
  String text();

  /** Plain string content. */
  static Content of(String text) {
    return new Text(text);
  }

  /** Content given as a plain string. */
  record Text(String text) implements Content {
    public Text {
      requireNonNull(text, "text");
    }
  }

  /** Content given as an array of parts. */
  record Parts(List<ContentPart> parts) implements Content {
    public Parts {
      parts = List.copyOf(parts);
    }

    @Override
    public String text() {
      return parts.stream()
          .map(p -> p instanceof ContentPart.TextPart t ? t.text() : "")
          .collect(Collectors.joining());
    }
  }
}
