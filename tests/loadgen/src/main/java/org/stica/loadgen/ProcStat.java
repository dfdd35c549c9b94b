package org.stica.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux process figures from {@code /proc}: CPU time as utime + stime of {@code /proc/<pid>/stat}
 * (fields 14 and 15, in clock ticks) and resident memory as {@code VmRSS} of
 * {@code /proc/<pid>/status}. Unreadable values are -1.
 */
public final class ProcStat {
    private final String pid;
    private final long ticksPerSecond;

    /** @param pid a process id, or {@code self} */
    public ProcStat(String pid, long ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** utime + stime in seconds, or -1. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmRSS in KiB, or -1. */
    public long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
