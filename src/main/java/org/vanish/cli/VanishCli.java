package org.vanish.cli;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code vanish analyze|export|bench|import|train ...}. Never loads JavaFX. */
@Command(name = "vanish", mixinStandardHelpOptions = true, version = "vanish 0.1",
        description = "Vanishing and exploding gradients in RNN, LSTM and GRU.",
        subcommands = {AnalyzeCommand.class, BenchCommand.class, ExportCommand.class, ImportCommand.class,
            TrainCommand.class})
public final class VanishCli implements Runnable {
    private static final Set<String> ENTRY = Set.of("analyze", "bench", "export", "import", "train", "--help", "-h", "--version", "-V", "help");

    /** Whether args ask for the command line rather than the app. */
    public static boolean isCommandLine(String[] args) {
        return args.length > 0 && ENTRY.contains(args[0]);
    }

    /** Runs the command line and returns its exit code (2 for bad input). */
    public static int run(String[] args) {
        CommandLine cl = new CommandLine(new VanishCli());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("vanish: " + ex.getMessage());
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("vanish: out of memory: the run is too large for this JVM (raise -Xmx or lower the sizes)");
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
}
