package org.vanish.cli;

import java.util.List;
import java.util.Set;
import org.vanish.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code vanish analyze|export|bench|import|train ...}. Never loads JavaFX. */
@Command(name = "vanish", mixinStandardHelpOptions = true, versionProvider = VanishCli.VersionProvider.class,
        description = "Vanishing and exploding gradients in RNN, LSTM and GRU.",
        footer = {"", "Without a command, vanish opens the app: vanish [--preset FILE] [--tab NAME]",
            "  --preset FILE  the preset to show (default: the bundled default dashboard)",
            "  --tab NAME     the view to open on: gradient-norm, jacobian-product,",
            "                 spectrum, product-spectrum, heatmap, lecture, a",
            "                 demonstration's name, or training (the training lab)"},
        subcommands = {AnalyzeCommand.class, BenchCommand.class, ExportCommand.class, ImportCommand.class,
            TrainCommand.class})
public final class VanishCli implements Runnable {
    private static final List<String> COMMANDS = List.of("analyze", "bench", "export", "import", "train");
    private static final Set<String> ENTRY = Set.of("analyze", "bench", "export", "import", "train", "--help", "-h", "--version", "-V", "help");

    /**
     * Whether args ask for the command line rather than the app: a command, help or version, or any first word
     * that is not an option (the app takes only --preset and --tab, so "vanish analyse" is a mistyped command).
     */
    public static boolean isCommandLine(String[] args) {
        return args.length > 0 && (ENTRY.contains(args[0]) || !args[0].startsWith("-"));
    }

    /** Runs the command line and returns its exit code (2 for bad input). */
    public static int run(String[] args) {
        if (args.length > 0 && !ENTRY.contains(args[0]) && !args[0].startsWith("-")) {
            System.err.println("vanish: \"" + args[0] + "\" is not a command; the commands are "
                    + String.join(", ", COMMANDS) + " (vanish --help), and without one vanish opens the app");
            return 2;
        }
        CommandLine cl = new CommandLine(new VanishCli());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vanish: " + ex.getMessage());
            return 2;
        });
        try {
            int code = cl.execute(args);
            if (System.out.checkError()) {
                // a PrintStream keeps write errors to itself: a summary lost to a full device is a failed run
                System.err.println("vanish: cannot write standard output: the device is full or closed");
                return 2;
            }
            return code;
        } catch (OutOfMemoryError e) {
            System.err.println(Errors.OUT_OF_MEMORY);
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code vanish --version}: the Maven project's version, and the Java running it. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vanish " + Version.number(), Version.LICENSE,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
