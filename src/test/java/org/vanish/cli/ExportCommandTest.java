package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.figure.Demonstrations;
import org.w3c.dom.Document;

class ExportCommandTest {
    /** Anti-aliased text and curves give hundreds of colours; a blank image has one. */
    private static final int MIN_COLOURS = 50;
    private static final double MIN_INK = 0.01;

    @TempDir
    Path dir;

    private Path preset;

    @BeforeEach
    void writePreset() throws Exception {
        preset = dir.resolve("p.json");
        // the second label needs escaping in SVG
        Files.writeString(preset, "{\"seed\": 2, \"steps\": 25, \"inputSize\": 3, \"hiddenSize\": 6, \"runs\": ["
                + "{\"label\": \"vanilla tanh\"}, {\"label\": \"lstm <b_f> & co\", \"cell\": \"lstm\"}]}");
    }


    private int run(String... args) {
        return CliRunner.run(new ByteArrayOutputStream(), args);
    }

    @Test
    void exportIsACommandLineEntry() {
        assertTrue(VanishCli.isCommandLine(new String[] {"export", "p.json"}));
    }

    @Test
    void aPngHasTheSlideSizeAtEachScaleAndIsNotBlank() throws Exception {
        Path one = dir.resolve("g1.png");
        assertEquals(0, run("export", preset.toString(), "--view", "gradient-norm", "--out", one.toString()));
        BufferedImage img = ImageIO.read(one.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(900, img.getHeight());
        assertNotBlank(img);

        Path two = dir.resolve("g2.png");
        assertEquals(0, run("export", preset.toString(), "--view", "gradient-norm", "--out", two.toString(),
                "--scale", "2"));
        img = ImageIO.read(two.toFile());
        assertEquals(3200, img.getWidth());
        assertEquals(1800, img.getHeight());
        assertNotBlank(img);

        Path small = dir.resolve("small.png");
        assertEquals(0, run("export", preset.toString(), "--view", "spectrum", "--out", small.toString(),
                "--width", "800", "--height", "600", "--scale", "3"));
        img = ImageIO.read(small.toFile());
        assertEquals(2400, img.getWidth());
        assertEquals(1800, img.getHeight());
    }

    @Test
    void everyViewExportsAsSvgThatParsesAndNamesTheRuns() throws Exception {
        for (String view : new String[] {"gradient-norm", "jacobian-product", "spectrum", "product-spectrum"}) {
            Path out = dir.resolve(view + ".svg");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, CliRunner.run(err, "export", preset.toString(), "--view", view, "--out", out.toString()),
                    err.toString(StandardCharsets.UTF_8));
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // JFreeSVG writes the SVG 1.0 DOCTYPE: parse without fetching its DTD
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = f.newDocumentBuilder().parse(out.toFile());
            assertEquals("svg", doc.getDocumentElement().getTagName());
            String text = doc.getDocumentElement().getTextContent();
            assertTrue(text.contains("vanilla tanh"), view);
            assertTrue(text.contains("lstm <b_f> & co"), view);
        }
    }

    @Test
    void overlaysDrawOnTheGradientView() throws Exception {
        Path out = dir.resolve("all.svg");
        assertEquals(0, run("export", preset.toString(), "--view", "gradient-norm", "--overlay",
                "input,linear,pascanu,meanfield", "--out", out.toString()));
        String svg = Files.readString(out);
        assertTrue(svg.contains("Pascanu bound"));
        assertTrue(svg.contains("mean field"));
        assertTrue(svg.contains("input sensitivity"));
    }

    @Test
    void aLayerOfTheTrainedStackExportsAsTheDashboardDrawsIt() throws Exception {
        Path trained = Path.of("presets", "keys-trained-lstm.json");
        Path svg = dir.resolve("layer.svg");
        assertEquals(0, run("export", trained.toString(), "--view", "gradient-norm", "--out", svg.toString()));
        String all = Files.readString(svg);
        assertTrue(all.contains("lstm trained · layer 1") && all.contains("lstm untrained · layer 2"),
                "all layers by default, as the app opens");
        // the words themselves are written upwards, which the SVG holds as outlines, not text
        assertTrue(all.contains(">word xₜ<") && !all.contains(">time step t<"), "the sentence's words on the time axis");
        assertEquals(0, run("export", trained.toString(), "--view", "gradient-norm", "--layer", "2", "--out",
                svg.toString()));
        String second = Files.readString(svg);
        assertTrue(second.contains("lstm trained · layer 2"));
        assertFalse(second.contains("layer 1"), "one layer");
        assertEquals(0, run("export", trained.toString(), "--view", "heatmap", "--out", svg.toString()));
        assertTrue(Files.readString(svg).contains("gradient by layer and position"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", trained.toString(), "--view", "gradient-norm", "--layer",
                "2-backward", "--out", dir.resolve("no.svg").toString()));
        assertEquals("vanish: --layer: '2-backward' is not a layer of these runs; allowed: all, 1, 2",
                err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(dir.resolve("no.svg")));

        // a preset that says its layer draws it without --layer, as the app opens it; --layer overrides it
        Path withLayer = dir.resolve("layer-2.json");
        Files.writeString(withLayer, Files.readString(trained).replaceFirst("\\{", "{\"layer\": \"2\","));
        Path own = dir.resolve("own.svg");
        assertEquals(0, run("export", withLayer.toString(), "--view", "gradient-norm", "--out", own.toString()));
        String ownText = Files.readString(own);
        assertTrue(ownText.contains("lstm trained · layer 2") && !ownText.contains("layer 1"), "the preset's layer");
        assertEquals(0, run("export", withLayer.toString(), "--view", "gradient-norm", "--layer", "all", "--out",
                own.toString()));
        assertTrue(Files.readString(own).contains("lstm trained · layer 1"), "--layer all overrides it");
    }

    @Test
    void badRequestsAreExitCodeTwoWithOneLineAndNoFile() throws Exception {
        Path out = dir.resolve("x.png");
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, "{\"steps\": 1000000, \"hiddenSize\": 2048, \"cell\": \"lstm\"}");
        String[][] cases = {
            {"export", preset.toString(), "--view", "histogram", "--out", out.toString()},
            {"export", preset.toString(), "--view", "spectrum", "--out", dir.resolve("x.jpg").toString()},
            {"export", preset.toString(), "--view", "spectrum", "--out", out.toString(), "--scale", "5"},
            {"export", preset.toString(), "--view", "spectrum", "--out", out.toString(), "--width", "10"},
            {"export", preset.toString(), "--view", "spectrum", "--out", out.toString(), "--overlay", "linear"},
            {"export", preset.toString(), "--view", "gradient-norm", "--out", out.toString(), "--overlay", "lin"},
            {"export", dir.resolve("missing.json").toString(), "--view", "spectrum", "--out", out.toString()},
            {"export", preset.toString(), "--view", "spectrum", "--out", out.toString(), "--set", "w0=1"},
            {"export", huge.toString(), "--view", "gradient-norm", "--out", out.toString()},
            {"export", preset.toString(), "--view", "gradient-norm", "--out", out.toString(), "--layer", "x"},
        };
        for (String[] args : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, CliRunner.run(err, args), String.join(" ", args));
            String msg = err.toString(StandardCharsets.UTF_8);
            assertTrue(msg.startsWith("vanish: "), msg);
            assertEquals(1, msg.lines().count(), msg);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliRunner.run(err, cases[0]);
        // the dashboard's views, then every registered demonstration
        List<String> views = new java.util.ArrayList<>(org.vanish.figure.Figures.ALL);
        views.addAll(org.vanish.figure.Demonstrations.names());
        assertEquals(List.of("gradient-norm", "jacobian-product", "spectrum", "product-spectrum", "heatmap"),
                views.subList(0, 5));
        assertEquals("vanish: --view: 'histogram' is not a view; views: " + String.join(", ", views) + "\n",
                err.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("p.json", "huge.json"), files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aBadPresetNamesTheField() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"runs\": [{\"cell\": \"lstm\", \"hiddenSize\": 0}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", bad.toString(), "--view", "spectrum", "--out",
                dir.resolve("s.png").toString()));
        assertEquals("vanish: bad.json: runs[0].hiddenSize: 0 is out of range; allowed 1 to 2048\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("s.png")));
    }

    @Test
    void theLecturesPresetsExportTheirDemonstrations() throws Exception {
        for (String name : new String[] {"cliff-clipping", "counting-lstm-vs-gru"}) {
            Path out = dir.resolve(name + ".png");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, CliRunner.run(err, "export", "presets/" + name + ".json", "--out", out.toString()),
                    err.toString(StandardCharsets.UTF_8));
            BufferedImage img = ImageIO.read(out.toFile());
            assertEquals(1600, img.getWidth());
            assertEquals(900, img.getHeight());
            assertNotBlank(img);
        }
        Path svg = dir.resolve("cliff.svg");
        assertEquals(0, run("export", "presets/cliff-clipping.json", "--set", "threshold=0.5,steps=50", "--out",
                svg.toString()));
        // the subtitle's items hold no-break spaces (it wraps only between items)
        assertTrue(Files.readString(svg).replace('\u00a0', ' ').contains("clipping threshold 0.5"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", "presets/cliff-clipping.json", "--set", "wMin=9", "--out",
                dir.resolve("bad.png").toString()));
        assertEquals("vanish: cliff: demo.wMin: 9 must be below wMax = 9\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDeckWritesEverySlidesFigureNumberedAndNamedAfterItsTitle() throws Exception {
        Path deck = dir.resolve("deck.json");
        Files.writeString(deck, "{\"format\": \"vanish-deck/1\", \"name\": \"notes\", \"slides\": ["
                + "{\"title\": \"The gradient norm\", \"preset\": \"p.json\"},"
                + "{\"title\": \"Its spectrum\", \"preset\": \"p.json\", \"view\": \"spectrum\"},"
                + "{\"title\": \"Counting aⁿbⁿ\", \"preset\": {\"steps\": 4, \"inputSize\": 1, \"hiddenSize\": 1},"
                + " \"view\": \"counting\", \"demo\": {\"nMax\": 20, \"n\": 10}}]}");
        Path notes = dir.resolve("notes");
        assertEquals(0, run("export", deck.toString(), "--out", notes.toString()));
        try (Stream<Path> files = Files.list(notes)) {
            assertEquals(List.of("01-the-gradient-norm.png", "02-its-spectrum.png", "03-counting-anbn.png"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        for (String f : List.of("01-the-gradient-norm.png", "02-its-spectrum.png", "03-counting-anbn.png")) {
            BufferedImage img = ImageIO.read(notes.resolve(f).toFile());
            assertEquals(1600, img.getWidth());
            assertNotBlank(img);
        }
        // a bad slide: exit 2, one line naming it, nothing written
        Files.writeString(deck, "{\"format\": \"vanish-deck/1\", \"slides\": ["
                + "{\"title\": \"ok\", \"preset\": \"p.json\"}, {\"title\": \"bad\", \"preset\": \"p.json\", \"view\": \"x\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path none = dir.resolve("none");
        assertEquals(2, CliRunner.run(err, "export", deck.toString(), "--out", none.toString()));
        String message = err.toString(StandardCharsets.UTF_8).trim();
        assertTrue(message.startsWith("vanish: deck.json: slides[1].view: \"x\" is not a view"), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(Files.exists(none));
        assertEquals(2, CliRunner.run(new ByteArrayOutputStream(), "export", deck.toString(), "--out",
                none.toString(), "--view", "spectrum"));
    }

    @Test
    void aDeckIsWrittenWhollyOrNotAtAllAndAFolderThatCannotBeMadeIsOneLine() throws Exception {
        Path deck = dir.resolve("deck.json");
        Files.writeString(deck, "{\"format\": \"vanish-deck/1\", \"slides\": ["
                + "{\"title\": \"One\", \"preset\": \"p.json\"}, {\"title\": \"Two\", \"preset\": \"p.json\"}]}");
        // the last export's first slide, and a folder where the second slide goes: the second cannot be written
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("01-one.png"), "the last export's slide");
        Files.createDirectories(notes.resolve("02-two.png"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", deck.toString(), "--out", notes.toString()));
        assertEquals("vanish: cannot write " + notes.resolve("02-two.png") + ": it is a folder",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("the last export's slide", Files.readString(notes.resolve("01-one.png")));
        try (Stream<Path> files = Files.list(notes)) {
            assertEquals(List.of("01-one.png", "02-two.png"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        // a folder under a file: the reason in words and exit code 2, not an internal error
        Path file = Files.writeString(dir.resolve("file"), "x");
        err.reset();
        assertEquals(2, CliRunner.run(err, "export", deck.toString(), "--out", file.resolve("notes").toString()));
        assertEquals("vanish: cannot write " + file.resolve("notes").resolve("01-one.png") + ": " + file
                + " is a file, not a folder", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aDeckWithAJsonMistakeIsNamedAsSuchNotAsABadOut() throws Exception {
        Path deck = Files.writeString(dir.resolve("deck.json"), "{\"format\": \"vanish-deck/1\", \"slides\": [{\"title\": ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", deck.toString(), "--out", dir.resolve("notes").toString()));
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(message.startsWith("vanish: deck.json: line 1, column "), message);
        assertFalse(message.contains("--out"), message);
    }

    private static void assertNotBlank(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        assertTrue(colours.size() >= MIN_COLOURS, colours.size() + " colours");
        assertTrue((double) ink / ((long) img.getWidth() * img.getHeight()) >= MIN_INK, ink + " ink pixels");
    }
}
