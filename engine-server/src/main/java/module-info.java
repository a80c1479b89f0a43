/** The command-line launcher ({@code bin/confidant}) and, later, the REST server over the engine. */
module dev.confidant.server {
  requires dev.confidant.core;
  requires dev.confidant.pii;
  requires dev.confidant.rag;
  requires info.picocli;
  requires static org.jspecify;

  exports dev.confidant.server.cli;

  opens dev.confidant.server.cli to info.picocli;
}
