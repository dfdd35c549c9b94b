package org.stica.loadgen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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

    /**
     * utime + stime in seconds summed over every process whose command name ({@code comm}) is
     * {@code comm}, such as all of a PostgreSQL cluster's backends and helpers; a process that
     * exits between two readings takes its share with it. -1 when /proc cannot be listed.
     */
    public static double cpuSecondsOfAll(String comm, long ticksPerSecond) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"),
                entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            double sum = 0;
            for (Path proc : procs) {
                String pid = proc.getFileName().toString();
                String name;
                try {
                    name = Files.readString(proc.resolve("comm")).trim();
                } catch (IOException | RuntimeException gone) {
                    continue;
                }
                if (name.equals(comm)) {
                    sum += Math.max(0, new ProcStat(pid, ticksPerSecond).cpuSeconds());
                }
            }
            return sum;
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
