package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** One element of an array-valued message content. */
public sealed interface ContentPart
    permits ContentPart.TextPart, ContentPart.ImageUrlPart, ContentPart.RefusalPart, ContentPart.OtherPart {

  /** The {@code type} discriminator on the wire. */
  String type();

  /** {@code {"type":"text","text":...}} */
  record TextPart(String text) implements ContentPart {
    public TextPart {
      requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return "text";
    }
  }

  /** {@code {"type":"image_url","image_url":{"url":...,"detail":...}}} */
  record ImageUrlPart(String url, @Nullable String detail) implements ContentPart {
    public ImageUrlPart {
      requireNonNull(url, "url");
    }

    @Override
    public String type() {
      return "image_url";
    }
  }

  /** {@code {"type":"refusal","refusal":...}} (assistant messages only). */
  record RefusalPart(String refusal) implements ContentPart {
    public RefusalPart {
      requireNonNull(refusal, "refusal");
    }

    @Override
    public String type() {
      return "refusal";
    }
  }

  /**
   * A part of another type ({@code input_audio}, {@code file}, ...), kept verbatim so it round-trips.
   *
   * @param type the discriminator
   * @param json the whole part object
   */
  record OtherPart(String type, RawJson json) implements ContentPart {
    public OtherPart {
      requireNonNull(type, "type");
      requireNonNull(json, "json");
    }
  }
}
