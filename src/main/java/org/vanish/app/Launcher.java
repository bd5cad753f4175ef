package org.vanish.app;

import javafx.application.Application;
import org.vanish.cli.VanishCli;

/**
 * The jar's main: {@code vanish analyze|bench ...} runs the command line, anything else opens the app
 * ({@code vanish [--preset FILE]}). A plain main rather than the Application itself, so that the shaded jar
 * starts on the class path and the command line never loads a JavaFX class (it must run without a display).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (VanishCli.isCommandLine(args)) {
            System.exit(VanishCli.run(args));
        } else {
            launchApp(args);
        }
    }

    // kept apart so that the command-line path never resolves a JavaFX class
    private static void launchApp(String[] args) {
        StartupProbe.mark("main");
        // the default preset and the lecture deck are read while JavaFX starts
        org.vanish.ui.StartupPrefetch.start();
        NativeLibraries.prepare();
        Application.launch(VanishApp.class, args);
    }
}
