package org.vanish.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.RunResult;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.figure.Figure;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.figure.HeatmapFigure;
import org.vanish.figure.LayerChoice;
import org.vanish.figure.LayeredFigure;
import org.vanish.figure.SlideStyle;
import org.vanish.lecture.Parameter;
import org.vanish.preset.DeckCodec;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vanish export PRESET.json --view NAME --out FILE.png|FILE.svg}: one figure, headless; or
 * {@code vanish export DECK.json --out DIR}: every slide of a lecture deck (see {@link DeckExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Draws one view of a preset's runs to a PNG or SVG file, with no display.",
            "Views: gradient-norm, jacobian-product, spectrum, product-spectrum, heatmap (one run: see --run),",
            "and the lecture's demonstrations (see `vanish export --help`'s list below and the presets' view field).",
            "Given a lecture deck (format vanish-deck/1) instead of a preset, --out is a folder and every slide's",
            "figure is written there, numbered in deck order and named after the slide's title."})
final class ExportCommand implements Callable<Integer> {
    static final int MIN_SIDE = 200;
    static final int MAX_SIDE = 8000;
    static final List<String> OVERLAYS = List.of("input", "linear", "pascanu", "meanfield");

    @Parameters(index = "0", paramLabel = "PRESET.json|DECK.json", description = "the preset to draw, or a lecture deck")
    Path preset;

    @Option(names = "--view", paramLabel = "NAME",
            description = "the view to draw (default: the preset's own view, else gradient-norm)")
    String view;

    @Option(names = "--set", paramLabel = "KEY=VALUE", split = ",",
            description = "demonstrations only: a setting of the demonstration, overriding the preset's demo block")
    Map<String, Double> settings;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.svg|DIR",
            description = "the file to write (its extension chooses PNG or SVG); for a deck, the folder")
    Path out;

    @Option(names = "--format", paramLabel = "png|svg", defaultValue = "png",
            description = "decks only: the slides' file format (default: ${DEFAULT-VALUE})")
    String deckFormat;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--scale", paramLabel = "1|2|3", defaultValue = "1",
            description = "PNG pixels per logical pixel (default: ${DEFAULT-VALUE}); ignored for SVG")
    int scale;

    @Option(names = "--width", paramLabel = "W", defaultValue = "" + SlideStyle.WIDTH,
            description = "figure width in logical pixels (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "" + SlideStyle.HEIGHT,
            description = "figure height in logical pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--overlay", paramLabel = "NAME", split = ",",
            description = "gradient-norm only: input (the input sensitivity ‖∂L/∂x_t‖), linear (ℓ·log10 ρ), "
                    + "pascanu (Pascanu et al.'s bound), meanfield (the mean field's ℓ·½log10 χ, Elman rnn runs with "
                    + "a random W_h); comma-separated")
    List<String> overlays;

    @Option(names = "--run", paramLabel = "LABEL",
            description = "heatmap only: the run to draw, by its label (default: the preset's first run)")
    String run;

    @Option(names = "--layer", paramLabel = "all|N|N-forward|N-backward",
            description = "stacked and bidirectional runs: the layers and directions drawn, counted from 1 (default:"
                    + " all, as the app opens); the heatmap draws all layers over (layer, t), one layer per unit")
    String layer;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            // draw to images only, even where a display is set: an export never opens a window
            System.setProperty("java.awt.headless", "true");
        }
        if (DeckCodec.isDeck(preset)) {
            return exportDeck();
        }
        // the file first: a deck with a JSON mistake is not recognised as a deck, and "--out must end in .png" would
        // send its author looking in the wrong place
        Preset p = PresetCodec.read(preset);
        boolean svg = format();
        if (scale < 1 || scale > 3) {
            throw new Errors.UserError("--scale: " + scale + " is out of range; allowed 1, 2 or 3");
        }
        checkSide("--width", width);
        checkSide("--height", height);
        if (view == null) {
            // a preset that opens elsewhere (the training lab) exports its network's gradient norm
            view = org.vanish.figure.ViewCharts.drawnView(p.view());
        }
        Optional<Demonstration> demo = Demonstrations.byName(view);
        JFreeChart chart = demo.isPresent() ? demonstration(demo.get(), p) : view(p);
        if (svg) {
            Figures.writeSvg(chart, out, width, height);
        } else {
            Figures.writePng(chart, out, width, height, scale);
        }
        return 0;
    }

    private int exportDeck() throws Exception {
        if (view != null || settings != null || run != null || layer != null
                || (overlays != null && !overlays.isEmpty())) {
            throw new Errors.UserError("--view, --set, --run, --layer and --overlay: not for a deck; each slide names"
                    + " its own view and settings");
        }
        if (!deckFormat.equals("png") && !deckFormat.equals("svg")) {
            throw new Errors.UserError("--format: '" + deckFormat + "' is not allowed; allowed: png, svg");
        }
        if (scale < 1 || scale > 3) {
            throw new Errors.UserError("--scale: " + scale + " is out of range; allowed 1, 2 or 3");
        }
        checkSide("--width", width);
        checkSide("--height", height);
        DeckExport.export(preset, out, deckFormat.equals("svg"), width, height, scale, spec.commandLine().getOut());
        return 0;
    }

    private JFreeChart view(Preset p) throws Exception {
        Figure figure = figure();
        if (settings != null) {
            throw new Errors.UserError("--set: only the demonstrations have settings, not " + view);
        }
        checkRun(p);
        p.checkFits(figure.needs(), Runtime.getRuntime().maxMemory());
        List<RunResult> results = AnalyzeCommand.analyze(p, figure.needs());
        return LayeredFigure.of(figure, layerChoice(p, results)).chart(results, p.words());
    }

    /** --layer, checked against what the runs have; without it, the preset's own layer field. */
    private LayerChoice layerChoice(Preset p, List<RunResult> results) throws Errors.UserError {
        if (layer == null) {
            // the codec has checked the preset's field against its runs
            return LayerChoice.parseOrAll(p.layer());
        }
        List<LayerChoice> offered = LayerChoice.choices(results);
        boolean bi = results.stream().anyMatch(r -> r.spec().bidirectional());
        LayerChoice c;
        try {
            c = LayerChoice.parse(layer);
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError("--layer: " + e.getMessage());
        }
        // "2" names layer 2 of a unidirectional stack and its forward direction in a bidirectional one
        if (!offered.contains(c)) {
            throw new Errors.UserError("--layer: '" + layer + "' is not a layer of these runs; allowed: "
                    + String.join(", ", offered.stream().map(x -> x.id(bi)).toList()));
        }
        return c;
    }

    private JFreeChart demonstration(Demonstration d, Preset p) throws Exception {
        if (run != null || layer != null || (overlays != null && !overlays.isEmpty())) {
            throw new Errors.UserError("--run, --layer and --overlay: not for the demonstration " + view);
        }
        Map<String, Double> given = new LinkedHashMap<>(p.demo());
        if (settings != null) {
            for (String key : settings.keySet()) {
                if (d.parameters().stream().noneMatch(q -> q.key().equals(key))) {
                    throw new Errors.UserError("--set: " + view + " has no setting '" + key + "'; settings: "
                            + String.join(", ", d.parameters().stream().map(Parameter::key).toList()));
                }
            }
            given.putAll(settings);
        }
        Map<String, Double> values;
        try {
            values = Parameter.settings(d.parameters(), given);
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(e.getMessage());
        }
        List<RunResult> results = List.of();
        if (d.usesRuns()) {
            p.checkFits(d.needs(), Runtime.getRuntime().maxMemory());
            results = AnalyzeCommand.analyze(p, d.needs());
        }
        try {
            return d.show(new Demonstration.Input(results, p.words()), values, () -> false).chart();
        } catch (IllegalArgumentException e) {
            throw new Errors.UserError(view + ": " + e.getMessage());
        }
    }

    private Figure figure() throws Errors.UserError {
        Figure f = Figures.byName(view).orElseThrow(() -> new Errors.UserError(
                "--view: '" + view + "' is not a view; views: " + String.join(", ", Figures.ALL)
                        + (Demonstrations.names().isEmpty() ? "" : ", " + String.join(", ", Demonstrations.names()))));
        if (run != null) {
            if (!(f instanceof HeatmapFigure)) {
                throw new Errors.UserError("--run: only the heatmap view draws one run, not " + view);
            }
            f = new HeatmapFigure(run);
        }
        if (overlays == null || overlays.isEmpty()) {
            return f;
        }
        if (!(f instanceof GradientNormFigure)) {
            throw new Errors.UserError("--overlay: only the gradient-norm view has overlays, not " + view);
        }
        for (String o : overlays) {
            if (!OVERLAYS.contains(o)) {
                throw new Errors.UserError("--overlay: '" + o + "' is not an overlay; overlays: "
                        + String.join(", ", OVERLAYS));
            }
        }
        return new GradientNormFigure(new GradientNormFigure.Options(overlays.contains("input"),
                overlays.contains("linear"), overlays.contains("pascanu"), overlays.contains("meanfield")));
    }

    /** Refuses a --run label that no run of the preset has, before anything is computed. */
    private void checkRun(Preset p) throws Errors.UserError {
        if (run == null) {
            return;
        }
        List<String> labels = p.toRunSpecs().stream().map(s -> s.label()).toList();
        if (!labels.contains(run)) {
            throw new Errors.UserError("--run: no run is labelled '" + run + "'; runs: " + String.join(", ", labels));
        }
    }

    /** True for SVG, false for PNG, by the extension of --out. */
    private boolean format() throws Errors.UserError {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            return true;
        }
        if (name.endsWith(".png")) {
            return false;
        }
        throw new Errors.UserError("--out: " + out + " must end in .png or .svg");
    }

    private static void checkSide(String option, int v) throws Errors.UserError {
        if (v < MIN_SIDE || v > MAX_SIDE) {
            throw new Errors.UserError(option + ": " + v + " is out of range; allowed " + MIN_SIDE + " to " + MAX_SIDE);
        }
    }
}
