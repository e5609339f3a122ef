package dev.safesend.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time (user + system) of processes and their descendants, read from /proc; Linux only (empty elsewhere). */
final class CpuTicks {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final long HZ = 100;

    private CpuTicks() {
    }

    /** CPU milliseconds so far of each named root process and all its descendants. */
    static Map<String, Long> millis(Map<String, Long> roots) {
        Map<String, Long> out = new LinkedHashMap<>();
        roots.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(root -> {
            long ticks = ticks(root.pid()) + root.descendants().mapToLong(h -> ticks(h.pid())).sum();
            out.put(name, ticks * 1000 / HZ);
        }));
        return out;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) "
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (Exception e) {
            return 0; // gone, or not Linux
        }
    }
}
