package dev.confidant.rag.internal.ingest;

import dev.confidant.rag.DocumentFormat;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.Embedder;
import dev.confidant.rag.IngestionListener;
import dev.confidant.rag.RagOptions;
import dev.confidant.rag.internal.chunk.Chunk;
import dev.confidant.rag.internal.chunk.Chunker;
import dev.confidant.rag.internal.chunk.ParsedDocument;
import dev.confidant.rag.internal.index.Fields;
import dev.confidant.rag.internal.index.Mapping;
import dev.confidant.rag.internal.index.SpaceIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;

/**
 * Runs ingestion jobs one after another on one background thread: parse, chunk and embed a batch of documents,
 * write it, commit, and only then report the batch's documents as indexed. Thread-safe.
 */
public final class Ingestor implements AutoCloseable {
  /** Texts per embedder call: bounds memory for documents with thousands of chunks. */
  private static final int EMBED_BATCH = 64;

  private final Embedder embedder;
  private final Chunker chunker;
  private final RagOptions options;
  private final ExecutorService executor;
  private final Set<Job> unfinished = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public Ingestor(Embedder embedder, RagOptions options) {
    this.embedder = embedder;
    this.options = options;
    this.chunker = new Chunker(options.chunkTokens(), options.chunkOverlapTokens());
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "confidant-rag-ingest");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Queues a job. The caller has validated the inputs (sizes, formats, files).
   *
   * @param index the space's index
   * @param statusSink told of every status change
   */
  public Job submit(SpaceIndex index, String spaceId, String collectionId, List<DocumentInput> inputs,
      List<String> sourceIds, IngestionListener listener, Consumer<DocumentStatus> statusSink) {
    List<DocumentStatus> initial = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      initial.add(new DocumentStatus(sourceIds.get(i), collectionId, titleOf(inputs.get(i)),
          DocumentStatus.State.PENDING, 0, null));
    }
    Job job = new Job(spaceId, collectionId, inputs, initial, listener, statusSink);
    if (inputs.isEmpty()) {
      return job;
    }
    unfinished.add(job);
    executor.execute(() -> {
      try {
        run(job, index);
      } catch (RuntimeException | Error e) {
        // A bug must not leave callers waiting forever: whatever is still pending fails with the cause.
        for (int i = 0; i < inputs.size(); i++) {
          if (job.status(i).state() == DocumentStatus.State.PENDING) {
            job.finish(i, failed(job.status(i), "internal error: " + e));
          }
        }
        if (e instanceof Error error) {
          throw error;
        }
      } finally {
        unfinished.remove(job);
      }
    });
    return job;
  }

  private void run(Job job, SpaceIndex index) {
    int n = job.inputs.size();
    for (int start = 0; start < n; start += options.commitBatchDocuments()) {
      if (closed) {
        job.cancel();
        return;
      }
      List<Prepared> batch = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + options.commitBatchDocuments()); i++) {
        try {
          batch.add(prepare(job, i));
        } catch (IOException | RuntimeException e) {
          job.finish(i, failed(job.status(i), reasonOf(job.inputs.get(i), e)));
        }
      }
      if (batch.isEmpty()) {
        continue;
      }
      try {
        embed(batch);
      } catch (RuntimeException e) {
        for (Prepared p : batch) {
          job.finish(p.index(), failed(job.status(p.index()), "embedding failed: " + e.getMessage()));
        }
        continue;
      }
      writeBatch(job, index, batch);
    }
  }

  /** A document parsed and chunked; {@link #vectors} are filled in for the whole batch at once. */
  private record Prepared(int index, String sourceId, String title, List<Chunk> chunks, List<String> texts,
      List<float[]> vectors) {}

  private Prepared prepare(Job job, int i) throws IOException {
    DocumentInput input = job.inputs.get(i);
    ParsedDocument parsed = parse(input);
    List<Chunk> chunks = chunker.chunk(parsed);
    if (chunks.isEmpty()) {
      throw new IOException("no text could be extracted (an image-only or empty document?)");
    }
    List<String> texts = chunks.stream()
        .map(c -> Mapping.indexedText(Mapping.chunkTitle(parsed.title(), c), c.text()))
        .toList();
    return new Prepared(i, job.status(i).sourceId(), parsed.title(), chunks, texts, new ArrayList<>());
  }

  /**
   * Embeds the chunks of a whole batch in calls of {@link #EMBED_BATCH} texts: one document often has a single
   * chunk, and the embedder parallelizes within a call only.
   */
  private void embed(List<Prepared> batch) {
    List<String> texts = new ArrayList<>();
    batch.forEach(p -> texts.addAll(p.texts()));
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
      vectors.addAll(embedder.embed(texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH))));
    }
    int next = 0;
    for (Prepared p : batch) {
      p.vectors().addAll(vectors.subList(next, next + p.texts().size()));
      next += p.texts().size();
    }
  }

  private ParsedDocument parse(DocumentInput input) throws IOException {
    return switch (input) {
      case DocumentInput.TextInput t -> TextParsers.text(t.title(), t.text());
      case DocumentInput.BytesInput b -> Parsers.parse(b.format(), b.fileName(), b.bytes());
      case DocumentInput.FileInput f -> {
        // Checked again: the file may have grown since the request was accepted.
        long size = Files.size(f.path());
        if (size > options.maxDocumentBytes()) {
          throw new IOException("the file grew to " + size + " bytes after it was accepted; the limit is "
              + options.maxDocumentBytes());
        }
        yield Parsers.parse(formatOf(f.path()), fileName(f.path()), Files.readAllBytes(f.path()));
      }
    };
  }

  private void writeBatch(Job job, SpaceIndex index, List<Prepared> batch) {
    try {
      boolean exists = index.write(writer -> {
        // Checked under the write lock: a collection deleted while its documents were being parsed must not
        // get them back.
        if (index.find(new TermQuery(new Term(Fields.COLLECTION_KEY, job.collectionId)), 1).isEmpty()) {
          return false;
        }
        for (Prepared p : batch) {
          // Replaces an earlier version of the source atomically: old and new are never both visible.
          writer.updateDocuments(new Term(Fields.SOURCE_ID, p.sourceId()),
              Mapping.document(job.collectionId, p.sourceId(), p.title(), p.chunks(), p.vectors()));
        }
        return true;
      });
      for (Prepared p : batch) {
        DocumentStatus pending = job.status(p.index());
        job.finish(p.index(), exists
            ? new DocumentStatus(pending.sourceId(), pending.collectionId(), p.title(),
                DocumentStatus.State.INDEXED, p.chunks().size(), null)
            : failed(pending, "collection '" + job.collectionId + "' was deleted during ingestion"));
      }
    } catch (RuntimeException e) {
      for (Prepared p : batch) {
        job.finish(p.index(), failed(job.status(p.index()), "index write failed: " + e.getMessage()));
      }
    }
  }

  private static DocumentStatus failed(DocumentStatus pending, String reason) {
    return new DocumentStatus(pending.sourceId(), pending.collectionId(), pending.title(),
        DocumentStatus.State.FAILED, 0, reason);
  }

  private static String reasonOf(DocumentInput input, Exception e) {
    String what = switch (input) {
      case DocumentInput.FileInput f -> "cannot read " + fileName(f.path()) + " as " + formatOf(f.path());
      case DocumentInput.BytesInput b -> "cannot read " + b.fileName() + " as " + b.format();
      case DocumentInput.TextInput t -> "cannot index text";
    };
    return what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  /** The title shown while a document is pending: its file name or given title. */
  public static String titleOf(DocumentInput input) {
    return switch (input) {
      case DocumentInput.FileInput f -> fileName(f.path());
      case DocumentInput.BytesInput b -> b.fileName();
      case DocumentInput.TextInput t -> t.title();
    };
  }

  /** A file's format by extension; callers validate first, so an unknown one is a bug. */
  public static DocumentFormat formatOf(Path path) {
    return DocumentFormat.fromFileName(fileName(path))
        .orElseThrow(() -> new IllegalArgumentException("unsupported file type: " + path));
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  /**
   * Stops taking work and waits for the batch in progress (interrupting it could break the index writer's
   * files); queued documents are dropped and never acknowledged.
   */
  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unfinished.forEach(Job::cancel);
  }
}
