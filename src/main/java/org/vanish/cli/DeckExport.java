package org.vanish.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.vanish.figure.Figures;
import org.vanish.figure.LayerChoice;
import org.vanish.figure.SlideViews;
import org.vanish.figure.ViewCharts;
import org.vanish.files.AtomicFile;
import org.vanish.preset.Deck;
import org.vanish.preset.DeckCodec;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetException;

/**
 * {@code vanish export DECK.json --out DIR}: every slide's figure, for the lecture notes, as
 * {@code DIR/01-the-slides-title.png} (or {@code .svg}), in deck order.
 */
final class DeckExport {
    /** What a deck may name, for the command line and the app alike. */
    static final DeckCodec.Catalog CATALOG = new DeckCodec.Catalog(SlideViews.all(), SlideViews::controls);

    private DeckExport() {
    }

    /**
     * Reads the deck and checks every slide fits in memory before anything is written, then draws one figure per
     * slide and writes them all or none (see {@link AtomicFile#writeAll}), reporting each on out.
     * @return the files written, in deck order
     */
    static List<Path> export(Path deckFile, Path dir, boolean svg, int width, int height, int scale, PrintWriter out)
            throws PresetException, IOException, Errors.UserError {
        Deck deck = DeckCodec.read(deckFile, CATALOG);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new Errors.UserError("--out: " + dir + " is a file; a deck is written to a folder, one figure a slide");
        }
        for (int i = 0; i < deck.slides().size(); i++) {
            Deck.Slide s = deck.slides().get(i);
            try {
                s.preset().checkFits(needs(s.view()), Runtime.getRuntime().maxMemory());
            } catch (PresetException e) {
                throw new PresetException("slides[" + i + "] (" + s.title() + "): " + e.getMessage());
            }
        }
        // every slide is drawn and encoded before any file is replaced, and the files are replaced together: a full
        // disk or a bad slide half-way leaves the folder as it was, not new slides beside the last export's
        Map<Path, AtomicFile.Content> files = new LinkedHashMap<>();
        for (int i = 0; i < deck.slides().size(); i++) {
            Deck.Slide s = deck.slides().get(i);
            JFreeChart chart;
            try {
                chart = chart(s.preset(), s.view());
            } catch (IllegalArgumentException e) {
                throw new Errors.UserError("slides[" + i + "] (" + s.title() + "): " + e.getMessage());
            }
            Path file = dir.resolve(deck.fileStem(i) + (svg ? ".svg" : ".png"));
            byte[] bytes = svg ? Figures.svg(chart, width, height).getBytes(StandardCharsets.UTF_8)
                    : Figures.png(Figures.render(chart, width, height, scale));
            files.put(file, stream -> stream.write(bytes));
        }
        List<Path> written = AtomicFile.writeAll(files);
        for (Path file : written) {
            out.println(file);
        }
        out.flush();
        return written;
    }

    private static org.vanish.engine.Quantities needs(String view) {
        return ViewCharts.needs(view);
    }

    /** The slide's figure: a view of the preset's runs, or a demonstration with the preset's settings. */
    static JFreeChart chart(Preset p, String view) {
        return ViewCharts.chart(view, LayerChoice.parseOrAll(p.layer()),
                q -> AnalyzeCommand.analyze(p, q), p.demo(), p.words(), () -> false);
    }
}
