package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON bodies the server writes itself: {@code detail} errors, models and health. Thread-safe. */
final class JsonBodies {
  // ObjectMapper is thread-safe once configured; one per class avoids a global registry.
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /** {@code {"detail": "..."}}. */
  static byte[] detail(String detail) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("detail", detail);
    return bytes(root);
  }

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
