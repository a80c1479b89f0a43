package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code confidant --help} and each command's help. */
class HelpTest {

  @Test
  void everyCommandSummaryIsACompleteSentence() {
    CommandLine cli = new CommandLine(new ConfidantCli());
    assertThat(cli.getSubcommands()).containsKeys("chat", "serve", "pii-detect", "ingest", "search");
    cli.getSubcommands().forEach((name, command) -> {
      String summary = command.getCommandSpec().usageMessage().description()[0];
      // confidant --help lists the first description line of each command: it must not stop mid-sentence.
      assertThat(summary).as(name).endsWith(".").doesNotContain("\n");
    });
  }

  @Test
  void theCommandListShowsEachSummaryWhole() {
    StringWriter out = new StringWriter();
    int status = ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");

    assertThat(status).isZero();
    String commands = out.toString().substring(out.toString().indexOf("Commands:"))
        .replaceAll("\\s+", " ");
    assertThat(commands)
        .contains("ingest Ingests files or a BEIR corpus into a collection under DATA-DIR/SPACE, without a server.")
        .contains("search Searches a collection under DATA-DIR/SPACE for each query read on stdin, without a server.")
        .contains("pii-detect Finds personal data in JSON lines read on stdin and writes one masked JSON line per"
            + " input, as POST /v1/pii/detect answers.");
  }
}
