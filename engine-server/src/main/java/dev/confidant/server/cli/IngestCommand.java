package dev.confidant.server.cli;

import dev.confidant.rag.BeirCorpus;
import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.KnowledgeBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code confidant ingest}: adds files or a BEIR corpus to a collection, without a server. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "Ingests files (TXT, MD, HTML, CSV, JSON, PDF, DOCX, PPTX, XLSX) or a BEIR corpus.jsonl (each line a",
        "document; its _id becomes the source id) into DATA-DIR/SPACE, collection ID. Prints one line per document:",
        "source id, state and, for failures, the reason. Exits 1 if any document failed."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KnowledgeOptions where;

  @Option(names = "--beir-corpus", paramLabel = "FILE", description = "A BEIR corpus.jsonl to ingest.")
  @Nullable Path beirCorpus;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up waiting after this long (default 120).")
  long timeoutMinutes = 120;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to ingest.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    List<DocumentInput> documents = new ArrayList<>();
    if (beirCorpus != null) {
      documents.addAll(BeirCorpus.read(beirCorpus));
    }
    files.forEach(f -> documents.add(DocumentInput.ofFile(f)));
    if (documents.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "nothing to ingest: give FILEs or --beir-corpus");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int failed = 0;
    try (KnowledgeBase kb = where.open()) {
      kb.ensureCollection(where.space, where.collection);
      long start = System.nanoTime();
      List<DocumentStatus> statuses = kb.ingest(where.space, where.collection, documents, event -> {
        if (event.done() % 500 == 0 || event.done() == event.total()) {
          err.printf("ingest: %d/%d%n", event.done(), event.total());
          err.flush();
        }
      }).await(Duration.ofMinutes(timeoutMinutes));
      for (DocumentStatus status : statuses) {
        out.println(status.sourceId() + "\t" + status.state().name().toLowerCase(java.util.Locale.ROOT)
            + (status.reason() != null ? "\t" + status.reason() : ""));
        failed += status.state() == DocumentStatus.State.FAILED ? 1 : 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf("ingest: %d documents in %.1f s (%.1f docs/s), %d failed%n",
          statuses.size(), seconds, statuses.size() / seconds, failed);
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
