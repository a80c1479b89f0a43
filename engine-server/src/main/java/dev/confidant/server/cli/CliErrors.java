package dev.confidant.server.cli;

import dev.confidant.api.ChatEngineException;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.Violation;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints engine errors as one clear message instead of a stack trace; exit 2 for bad input, 1 otherwise. */
final class CliErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof InvalidRequestException invalid) {
      for (Violation v : invalid.violations()) {
        cmd.getErr().println("error: " + v.path() + ": " + v.msg() + " [" + v.type() + "]");
      }
      return 2;
    }
    if (e instanceof ChatEngineException engine) {
      cmd.getErr().println("error (" + engine.type().name().toLowerCase(java.util.Locale.ROOT) + "): " + e.getMessage());
      return 1;
    }
    // Not a client mistake: a bug. Say so, with the trace for the report.
    cmd.getErr().println("internal error: " + e);
    e.printStackTrace(cmd.getErr());
    return 70;
  }
}
