package org.vanish.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code vanish bench --startup}: launches the app again and again and times each launch from starting the process
 * to the app's report of its first rendered dashboard frame (org.vanish.app.StartupProbe, asked for through the
 * environment), for the jar ({@code java -jar}) and, if given, the app image's launcher, the two alternating so
 * that a change in the machine's load falls on both. Needs a display (a real one or Xvfb):
 * packaging/startup-bench.sh provides one.
 */
final class StartupBench {
    /** Must match org.vanish.app.StartupProbe, which this package cannot link (it is JavaFX). */
    static final String VARIABLE = "VANISH_STARTUP_PROBE";
    static final String MARKER = "vanish-startup: first frame";
    private static final long TIMEOUT_S = 120;
    static final double TARGET_MS = 1500;

    private StartupBench() {
    }

    /**
     * The commands to time, by name: each jar ({@code java -jar}) and each app image's launcher, named jar, jar#2, ...
     * and image, image#2, ... in the order given.
     */
    static Map<String, List<String>> commands(List<Path> jars, List<Path> images) throws Errors.UserError {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new Errors.UserError("--jar: " + jar + " is not a file; give the app's jar (target/vanish.jar)");
            }
            out.put(name("jar", out), List.of(java, "-jar", jar.toString()));
        }
        for (Path image : images) {
            if (!Files.isExecutable(image) || Files.isDirectory(image)) {
                throw new Errors.UserError("--image: " + image + " is not an executable launcher; give the app image's "
                        + "launcher (target/app/vanish/bin/vanish, built by mvn -Papp package)");
            }
            out.put(name("image", out), List.of(image.toString()));
        }
        return out;
    }

    private static String name(String kind, Map<String, ?> taken) {
        String name = kind;
        for (int i = 2; taken.containsKey(name); i++) {
            name = kind + "#" + i;
        }
        return name;
    }

    /** One launch: wall milliseconds from starting the process to the probe's line, and the CPU it had used. */
    record Launch(double wallMs, double cpuMs) {
    }

    /**
     * Runs every command once to warm the file cache, then reps times in turn.
     * @return per command, reps launches
     */
    static Map<String, Launch[]> run(Map<String, List<String>> commands, int reps) throws IOException, InterruptedException {
        Map<String, Launch[]> out = new LinkedHashMap<>();
        commands.keySet().forEach(k -> out.put(k, new Launch[reps]));
        for (int r = -1; r < reps; r++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                Launch l = launch(c.getValue());
                if (r >= 0) {
                    out.get(c.getKey())[r] = l;
                }
            }
        }
        return out;
    }

    static Launch launch(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(VARIABLE, "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        List<String> seen = new ArrayList<>();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.startsWith(MARKER)) {
                    double ms = (System.nanoTime() - t0) / 1e6;
                    p.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
                    int at = line.indexOf("cpu=");
                    return new Launch(ms, at < 0 ? Double.NaN : Double.parseDouble(line.substring(at + 4).trim()));
                }
                seen.add(line);
            }
        } finally {
            p.destroy();
        }
        throw new IOException(String.join(" ", command) + " ended without showing the dashboard (exit "
                + p.waitFor() + "): " + String.join(" | ", seen.subList(Math.max(0, seen.size() - 5), seen.size())));
    }

    /** Median, least and most wall time, and the median CPU time (all threads) up to the frame. */
    static void print(Map<String, Launch[]> launches, boolean json) {
        if (!json) {
            System.out.printf(Locale.ROOT, "%-10s %5s %10s %8s %8s %14s %10s%n", "startup", "reps", "median ms", "min ms",
                    "max ms", "median cpu ms", "target ms");
        }
        for (Map.Entry<String, Launch[]> e : launches.entrySet()) {
            double[] wall = java.util.Arrays.stream(e.getValue()).mapToDouble(Launch::wallMs).toArray();
            double[] cpu = java.util.Arrays.stream(e.getValue()).mapToDouble(Launch::cpuMs).toArray();
            double median = BenchCommand.percentile(wall, 50);
            double min = BenchCommand.percentile(wall, 0);
            double max = BenchCommand.percentile(wall, 100);
            double cpuMedian = BenchCommand.percentile(cpu, 50);
            if (json) {
                System.out.printf(Locale.ROOT, "{\"case\": \"startup-%s\", \"medianMs\": %.1f, \"minMs\": %.1f, "
                        + "\"maxMs\": %.1f, \"medianCpuMs\": %.1f, \"reps\": %d, \"targetMs\": %.0f}%n", e.getKey(),
                        median, min, max, cpuMedian, wall.length, TARGET_MS);
            } else {
                System.out.printf(Locale.ROOT, "%-10s %5d %10.1f %8.1f %8.1f %14.1f %10.0f%n", e.getKey(), wall.length,
                        median, min, max, cpuMedian, TARGET_MS);
            }
        }
        System.out.flush();
    }
}
