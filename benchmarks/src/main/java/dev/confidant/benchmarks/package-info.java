/** JMH benchmarks; run with {@code java -jar benchmarks/target/benchmarks.jar <regex>}. */
package dev.confidant.benchmarks;
