package dev.confidant.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the benchmark's own threads per operation ({@code cpu.time.norm},
 * ns/op): the CPU that JMH's worker threads used during an iteration divided by the iteration's operations. On a
 * machine shared with other processes, wall-clock scores grow with the others' load (the thread waits for a core),
 * while the thread's CPU time grows much less (only through caches the others evict), so differences between the
 * benchmarks of one run stay readable. It leaves out the GC and JIT threads: allocation shows in {@code -prof gc}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PipelineOverheadBenchmark -prof gc -prof dev.confidant.benchmarks.CpuTimeProfiler
 * </pre>
 *
 * Not thread-safe; JMH makes one per fork.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation (robust to other processes' load)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = workerCpu();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpu = workerCpu() - start;
    long ops = result.getMetadata().getAllOps();
    if (cpu <= 0 || ops <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** The CPU nanoseconds JMH's worker threads have used so far (they live across a benchmark's iterations). */
  private long workerCpu() {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          sum += cpu;
        }
      }
    }
    return sum;
  }
}
