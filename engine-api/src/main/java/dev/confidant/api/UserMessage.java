package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A message with role {@code user}.
 *
 * @param content the content (required)
 * @param name an optional participant name
 */
public record UserMessage(Content content, @Nullable String name) implements ChatMessage {
  public UserMessage {
    requireNonNull(content, "content");
  }

  /** A message with plain text content and no name. */
  public UserMessage(String text) {
    this(Content.of(text), null);
  }

  @Override
  public Role role() {
    return Role.USER;
  }

  @Override
  public UserMessage withContent(@Nullable Content content) {
    return new UserMessage(requireNonNull(content, "content"), name);
  }
}
