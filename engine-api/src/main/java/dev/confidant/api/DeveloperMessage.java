package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A message with role {@code developer}.
 *
 * @param content the content (required)
 * @param name an optional participant name
 */
public record DeveloperMessage(Content content, @Nullable String name) implements ChatMessage {
  public DeveloperMessage {
    requireNonNull(content, "content");
  }

  /** A message with plain text content and no name. */
  public DeveloperMessage(String text) {
    this(Content.of(text), null);
  }

  @Override
  public Role role() {
    return Role.DEVELOPER;
  }

  @Override
  public DeveloperMessage withContent(@Nullable Content content) {
    return new DeveloperMessage(requireNonNull(content, "content"), name);
  }
}
