package dev.safesend.testsupport.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU seconds spent by each part of a benchmark between two snapshots, so a run can say where the two cores went:
 * the named process trees (a service's JVM, the simulator's, PostgreSQL's postmaster and backends), the Kafka broker
 * (in the bench's JVM: every thread that is not the bench's own, plus GC/JIT), the bench's own threads (names starting
 * {@code bench-}, and the JDK HTTP client's {@code HttpClient-…} threads a bench drives its requests with) and whatever else the host ran meanwhile ({@code /proc/stat} minus all of those). Read from /proc.
 */
public final class CpuMeter {

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private final Map<String, Long> trees;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Measures the process trees rooted at the given pids, by name, in the order given (a pid ≤ 0 counts nothing). */
    public CpuMeter(Map<String, Long> trees) {
        this.trees = new LinkedHashMap<>(trees);
    }

    /** The child JVM of this process whose command line contains {@code marker} (e.g. the module's jar path), or -1. */
    public static long childJvm(String marker) {
        return ProcessHandle.current().children().filter(p -> cmdline(p.pid()).contains(marker)).mapToLong(ProcessHandle::pid)
                .findFirst().orElse(-1);
    }

    /** The PostgreSQL postmaster listening on {@code port} (zonky starts it through pg_ctl, so it is not our child), or -1. */
    public static long postmaster(int port) {
        return processWith("/bin/postgres", "-p " + port);
    }

    /** The embedded Redis server listening on {@code port}, or -1. */
    public static long redis(int port) {
        return processWith("redis-server", String.valueOf(port));
    }

    /** The first process whose command line contains every one of {@code parts}, or -1. */
    public static long processWith(String... parts) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> {
                String c = cmdline(p.pid());
                return Arrays.stream(parts).allMatch(c::contains);
            }).mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        }
    }

    public static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** CPU seconds so far, by part: each named tree, "kafka broker", "bench driver" and "host total". */
    public Map<String, Double> snapshot() {
        Map<String, Double> s = new LinkedHashMap<>();
        trees.forEach((name, pid) -> s.put(name, processTree(pid)));
        double benchThreads = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith("bench-") || t.getThreadName().contains("| bench-")
                    || t.getThreadName().startsWith("HttpClient-"))) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                benchThreads += cpu > 0 ? cpu / 1e9 : 0;
            }
        }
        double thisJvm = os.getProcessCpuTime() / 1e9;
        s.put("kafka broker", thisJvm - benchThreads);
        s.put("bench driver", benchThreads);
        s.put("host total", hostBusySeconds());
        return s;
    }

    /** Cores used by each part between two snapshots, plus "other" (the rest of the host's busy time). */
    public Map<String, Double> coresBetween(Map<String, Double> before, Map<String, Double> after, Duration wall) {
        Map<String, Double> cores = new LinkedHashMap<>();
        double ours = 0;
        List<String> parts = new java.util.ArrayList<>(trees.keySet());
        parts.add("kafka broker");
        parts.add("bench driver");
        for (String k : parts) {
            double c = (after.get(k) - before.get(k)) / (wall.toNanos() / 1e9);
            cores.put(k, c);
            ours += c;
        }
        double host = (after.get("host total") - before.get("host total")) / (wall.toNanos() / 1e9);
        cores.put("other host processes", Math.max(0, host - ours));
        cores.put("host busy", host);
        return cores;
    }

    private static double processTree(long pid) {
        if (pid <= 0) {
            return 0;
        }
        Optional<ProcessHandle> root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return 0;
        }
        double seconds = cpuSeconds(pid);
        for (ProcessHandle d : (Iterable<ProcessHandle>) root.get().descendants()::iterator) {
            seconds += cpuSeconds(d.pid());
        }
        return seconds;
    }

    /** utime + stime of one process from /proc/<pid>/stat (fields 14 and 15, after the parenthesised name). */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double hostBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) { // user nice system irq softirq (not idle, iowait, steal, guest: in user)
                busy += Long.parseLong(f[i]);
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
