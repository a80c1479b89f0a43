package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's JSON mapper and serialization of the trees it writes. Thread-safe. */
final class JsonBodies {
  // ObjectMapper is thread-safe once configured; one per class avoids a global registry.
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
