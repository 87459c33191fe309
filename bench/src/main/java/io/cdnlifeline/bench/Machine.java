package io.cdnlifeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** What the figures were measured on: they mean little without the machine's size and load. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return "cpus " + Runtime.getRuntime().availableProcessors() + ", load " + loadAverage()
                + ", java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** The 1/5/15-minute load averages from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A /proc/PID/status field in kB (VmHWM: peak RSS, VmRSS: current RSS), or -1 when the process is gone. */
    static long statusKb(long pid, String field) {
        Path p = Paths.get("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
