package dev.safesend.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Peak resident memory (VmHWM) of processes, read from /proc; for a process tree, its largest member. Linux only. */
final class PeakRss {

    private PeakRss() {
    }

    /** Folds each named root's current largest VmHWM (MB) in its tree into {@code peak}. */
    static void sample(Map<String, Long> roots, Map<String, Long> peak) {
        roots.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(root -> {
            long mb = Math.max(hwm(root.pid()), root.descendants().mapToLong(h -> hwm(h.pid())).max().orElse(0)) / 1024;
            peak.merge(name, mb, Math::max);
        }));
    }

    private static long hwm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0; // gone, or not Linux
        }
        return 0;
    }
}
