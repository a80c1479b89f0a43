package dev.confidant.jlama.internal.tiny;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes F32 tensors in the safetensors format: an 8-byte little-endian header length, a JSON header (padded with
 * spaces to a multiple of 8 bytes) mapping names to dtype, shape and byte offsets, then the raw data in the same
 * order. The header is written by hand so that its bytes are fixed. Stateless.
 */
final class Safetensors {

  /**
   * One named tensor.
   *
   * @param name the Hugging Face weight name
   * @param shape row-major dimensions
   * @param data {@code product(shape)} values
   */
  record Tensor(String name, int[] shape, float[] data) {
    Tensor {
      requireNonNull(name, "name");
      shape = shape.clone();
      if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != data.length) {
        throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
            + data.length + " values");
      }
    }
  }

  private Safetensors() {}

  /** Writes the tensors, in list order. */
  static void write(List<Tensor> tensors, OutputStream out) throws IOException {
    StringBuilder header = new StringBuilder("{");
    long offset = 0;
    for (Tensor t : tensors) {
      long end = offset + 4L * t.data().length;
      header.append('"').append(t.name()).append("\":{\"dtype\":\"F32\",\"shape\":[");
      for (int i = 0; i < t.shape().length; i++) {
        header.append(i == 0 ? "" : ",").append(t.shape()[i]);
      }
      header.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]},");
      offset = end;
    }
    header.append("\"__metadata__\":{\"format\":\"pt\"}}");
    while (header.length() % 8 != 0) {
      header.append(' ');
    }
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
    out.write(headerBytes);
    for (Tensor t : tensors) {
      ByteBuffer data = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
      data.asFloatBuffer().put(t.data());
      out.write(data.array());
    }
  }
}
