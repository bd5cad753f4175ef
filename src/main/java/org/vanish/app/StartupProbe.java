package org.vanish.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import org.vanish.ui.DashboardViewModel;

/**
 * For {@code vanish bench --startup}: when the environment variable {@value #VARIABLE} is set, the app reports the
 * first rendered frame of the dashboard with its curves on stderr, as {@value #MARKER} followed by the process's CPU
 * time in milliseconds, and exits. The bench times a launch up to that line.
 *
 * <p>The first chart is set between two pulses; the next pulse (N) lays it out and hands the frame to the
 * render thread; pulse N + 1 waits for that rendering before it synchronises the scene; so at pulse N + 2 the frame
 * has been drawn. That is at most two pulse periods late, without reaching into JavaFX's internals.
 */
final class StartupProbe {
    static final String VARIABLE = "VANISH_STARTUP_PROBE";
    static final String MARKER = "vanish-startup: first frame";
    private static final int PULSES = 3;

    private static final boolean ON = System.getenv(VARIABLE) != null;
    private static final StringBuilder TIMELINE = new StringBuilder();

    /** When the process started (read once, on the first mark: only when the probe is on). */
    private static final class ProcessStart {
        static final long MILLIS =
                ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    private StartupProbe() {
    }

    /**
     * Notes when the start reached a stage ("fx-start", "view-built", ...), in milliseconds since the process
     * started; printed after the marker as {@code vanish-startup: timeline main=180 fx-start=620 ...}.
     */
    static void mark(String stage) {
        if (ON) {
            long since = System.currentTimeMillis() - ProcessStart.MILLIS;
            synchronized (TIMELINE) {
                TIMELINE.append(' ').append(stage).append('=').append(since);
            }
        }
    }

    /**
     * Watches for the first frame that shows viewModel's results in a chart, if the probe was asked for: the charts
     * are built on a compute thread after the results arrive, so the count of pulses starts at the first pulse at
     * which a chart viewer of scene holds a chart.
     */
    static void attach(DashboardViewModel viewModel, javafx.scene.Scene scene) {
        if (System.getenv(VARIABLE) == null) {
            return;
        }
        AnimationTimer pulses = new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (seen == 0 && !chartShown(scene)) {
                    return;
                }
                if (seen == 0) {
                    mark("chart");
                }
                if (++seen == PULSES) {
                    stop();
                    mark("first-frame");
                    synchronized (TIMELINE) {
                        TIMELINE.append(" nodes=").append(count(scene.getRoot()));
                    }
                    System.err.println(MARKER + String.format(Locale.ROOT, " cpu=%.0f", cpuMillis()));
                    synchronized (TIMELINE) {
                        System.err.println("vanish-startup: timeline" + TIMELINE);
                    }
                    System.err.flush();
                    System.exit(0);
                }
            }
        };
        pulses.start();
        viewModel.resultsProperty().addListener((obs, was, now) -> {
            if (now != null && !now.isEmpty()) {
                mark("results");
            }
        });
    }

    /** Whether scene is on screen and a chart viewer in it holds a chart (the dashboard's views, the lecture's). */
    private static boolean chartShown(javafx.scene.Scene scene) {
        return scene.getWindow() != null && scene.getWindow().isShowing() && scene.getRoot() != null
                && holdsChart(scene.getRoot());
    }

    private static boolean holdsChart(javafx.scene.Node node) {
        if (node instanceof org.jfree.chart.fx.ChartViewer v) {
            return v.getChart() != null;
        }
        return node instanceof javafx.scene.Parent p
                && p.getChildrenUnmodifiable().stream().anyMatch(StartupProbe::holdsChart);
    }

    /** The nodes under node, itself included (the scene graph a start styles and lays out). */
    private static int count(javafx.scene.Node node) {
        return 1 + (node instanceof javafx.scene.Parent p
                ? p.getChildrenUnmodifiable().stream().mapToInt(StartupProbe::count).sum() : 0);
    }

    /** CPU time of the whole process so far (every thread), or NaN where the JVM does not report it. */
    private static double cpuMillis() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e6 : Double.NaN;
    }
}
