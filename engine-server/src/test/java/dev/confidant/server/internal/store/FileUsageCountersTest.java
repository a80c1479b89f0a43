package dev.confidant.server.internal.store;

import dev.confidant.server.UsageCounters;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-backed counters of a single server pass the contract: reopened, they replay their file (a restart); one
 * process shares one instance among its threads.
 */
class FileUsageCountersTest extends UsageCountersContractTest {
  @TempDir Path dir;

  @Override
  UsageCounters open() {
    return FileUsageCounters.open(dir);
  }

  @Override
  UsageCounters reopen() {
    return FileUsageCounters.open(dir);
  }

  @Override
  UsageCounters alongside(UsageCounters open) {
    return open;
  }
}
