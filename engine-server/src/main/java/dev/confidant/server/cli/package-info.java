/**
 * {@code bin/confidant}: the command-line entry point. Subcommands: {@code chat}, {@code serve}, {@code pii-detect},
 * {@code ingest}, {@code search} ({@code bin/confidant --help}).
 */
@NullMarked
package dev.confidant.server.cli;

import org.jspecify.annotations.NullMarked;
