package dev.safesend.platform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the platform started (a service JVM, the Kafka broker JVM), with its output in one log
 * file. Stopping is polite first: SIGTERM, a bounded wait, then SIGKILL.
 */
final class ChildProcess {

    private static final int TAIL_BYTES = 16 * 1024;
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the command with stdout and stderr appended to {@code log}; a log left by an earlier run
     * is kept once as {@code <name>.previous.log}.
     */
    static ChildProcess start(String name, List<String> command, Path workDir, Path log) {
        return start(name, command, workDir, log, false);
    }

    /**
     * Like {@link #start(String, List, Path, Path)}; with {@code ownSession} the process runs in a session
     * of its own ({@code setsid}, which execs in place: same pid), so a Ctrl-C in the terminal reaches only
     * the launcher, whose shutdown hook then stops the children in order.
     */
    static ChildProcess start(String name, List<String> command, Path workDir, Path log, boolean ownSession) {
        return start(name, command, workDir, log, ownSession, java.util.Map.of());
    }

    /** Like {@link #start(String, List, Path, Path, boolean)}, with {@code environment} added to this JVM's. */
    static ChildProcess start(String name, List<String> command, Path workDir, Path log, boolean ownSession,
                              java.util.Map<String, String> environment) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            if (Files.exists(log) && Files.size(log) > 0) {
                String file = log.getFileName().toString();
                Path previous = log.resolveSibling(file.replaceFirst("\\.log$", "") + ".previous.log");
                Files.move(log, previous, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> full = new java.util.ArrayList<>();
            if (ownSession && SETSID != null) {
                full.add(SETSID.toString());
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits for the process to end by itself; false when it still runs after the timeout. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL (the process and anything it started). Idempotent. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(5));
        }
    }

    /** SIGKILL at once (the process and anything it started), as a crash would; waits until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String logTail(int lines) {
        return logTail(log, lines);
    }

    static String logTail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (start > 0 && !all.isEmpty()) {
                all = all.subList(1, all.size());
            }
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
