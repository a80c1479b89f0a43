package dev.confidant.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The server's JSON mapper and serialization of the trees it writes. Thread-safe. */
final class JsonBodies {
  // One mapper for the package's handlers: ObjectMapper is thread-safe once configured, and this one is never
  // reconfigured after class initialization. A duplicate key is an error (422 json_invalid), not the last value
  // winning: a proxy or filter that reads the first one would see another request than the server acts on.
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonBodies() {}

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
