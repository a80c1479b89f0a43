package dev.confidant.core.internal.tools;

import java.time.Duration;

/**
 * The bounds of the tool loop, from {@link dev.confidant.core.ToolOptions}. Immutable.
 *
 * @param callTimeout how long one call may run
 * @param maxRounds turns with server calls before the last turn
 * @param maxTotalTime how long the server tools of one request may run in total
 */
record Limits(Duration callTimeout, int maxRounds, Duration maxTotalTime) {}
