package dev.confidant.server.cli;

import dev.confidant.rag.DocumentInput;
import dev.confidant.rag.DocumentStatus;
import dev.confidant.rag.KnowledgeBase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        "Ingests files or a BEIR corpus into a collection under DATA-DIR/SPACE, without a server.",
        "FILEs may be TXT, MD, HTML, CSV, JSON, PDF, DOCX, PPTX or XLSX; ingesting the same content into the same"
            + " collection again keeps its source id and replaces it. A BEIR corpus.jsonl holds one document a line,"
            + " whose _id becomes the source id.",
        "Prints one tab-separated line per document: source id, state, name (the FILE as given, or the title) and,"
            + " for failures, the reason. On a terminal, stderr shows a progress bar (files, chunks, docs/s)."
            + " Exits 1 if any document failed."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KnowledgeOptions where;

  @Option(names = "--beir-corpus", paramLabel = "FILE",
      description = "A BEIR corpus.jsonl to ingest: one JSON object a line with _id, title and text.")
  @Nullable Path beirCorpus;

  @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up waiting after this long (default 120).")
  long timeoutMinutes = 120;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to ingest.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    List<DocumentInput> documents = new ArrayList<>();
    if (beirCorpus != null) {
      try {
        documents.addAll(JsonLinesCorpus.read(beirCorpus));
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "--beir-corpus: " + e.getMessage(), e);
      }
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
      ProgressBar progress = new ProgressBar(err, ProgressBar.stderrIsTerminal(), System::nanoTime);
      List<DocumentStatus> statuses;
      try {
        statuses = kb.ingest(where.space, where.collection, documents,
            event -> progress.document(event.done(), event.total(), event.status().chunks()))
            .await(Duration.ofMinutes(timeoutMinutes));
      } finally {
        progress.finish();
      }
      for (int i = 0; i < statuses.size(); i++) {
        DocumentStatus status = statuses.get(i);
        out.println(status.sourceId() + "\t" + status.state().name().toLowerCase(Locale.ROOT) + "\t"
            + nameOf(documents.get(i)) + (status.reason() != null ? "\t" + status.reason() : ""));
        failed += status.state() == DocumentStatus.State.FAILED ? 1 : 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf("ingest: %d documents in %.1f s (%.1f docs/s), %d failed%n",
          statuses.size(), seconds, statuses.size() / seconds, failed);
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  /** What the user calls a document: the file as given on the command line, or a corpus document's title. */
  private static String nameOf(DocumentInput input) {
    return switch (input) {
      case DocumentInput.FileInput f -> f.path().toString();
      case DocumentInput.BytesInput b -> b.fileName();
      case DocumentInput.TextInput t -> t.title();
    };
  }
}
