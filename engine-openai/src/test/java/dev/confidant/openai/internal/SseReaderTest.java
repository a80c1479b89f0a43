package dev.confidant.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.core.remote.StreamProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private static List<String> events(String body, int max) throws IOException {
    return events(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
  }

  private static List<String> events(InputStream in, int max) throws IOException {
    SseReader reader = new SseReader(in, max);
    List<String> out = new ArrayList<>();
    for (String data = reader.nextData(); data != null; data = reader.nextData()) {
      out.add(data);
    }
    return out;
  }

  @Test
  void everyLineEndCommentsFieldsAndMultiLineDataFollowTheFormat() throws IOException {
    assertThat(events(": hello\r\nevent: x\r\nid: 1\r\ndata: a\r\n\r\n"
        + "data:b\rdata:  c\r\r"
        + "data\n\n"
        + "retry: 10\n\n"
        + "data: last\n", 100))
        .containsExactly("a", "b\n c", "");
  }

  @Test
  void bytesArrivingOneAtATimeStillMakeWholeCharacters() throws IOException {
    byte[] body = "data: Grüße 👋🏽\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new InputStream() {
      private int position;

      @Override
      public int read() {
        return position < body.length ? body[position++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= body.length) {
          return -1;
        }
        b[off] = body[position++];
        return 1;
      }
    };
    assertThat(events(trickle, 100)).containsExactly("Grüße 👋🏽", "[DONE]");
  }

  @Test
  void aLineOrEventBeyondTheBoundFails() {
    assertThatThrownBy(() -> events("data: " + "x".repeat(11) + "\n\n", 10))
        .isInstanceOf(StreamProtocolException.class).hasMessageContaining("longer than 10 characters");
    assertThatThrownBy(() -> events("data: 12345\ndata: 67890\n\n", 10))
        .isInstanceOf(StreamProtocolException.class);
    assertThatThrownBy(() -> events(": " + "y".repeat(100) + "\n\n", 10))
        .as("even a comment line may not grow without bound").isInstanceOf(StreamProtocolException.class);
  }
}
