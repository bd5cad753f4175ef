package org.vanish.ui;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Presentation mode: the chart of the view or demonstration on screen, alone and full screen, drawn as a slide
 * ({@link SlideCanvas}: type and lines grow with the screen), with a slim strip below it holding the slide's title,
 * its two or three controls and its place in the deck. One state, {@link #onProperty()}: F11 and Esc (and leaving
 * full screen any other way) always agree with it. Keys while on: Page Down / Page Up, → / ← and ↓ / ↑ (outside a
 * slider or field), as a presenter remote sends them, step through the deck; Home / End go to its ends; H hides or
 * shows the strip; B or '.' blanks the screen and any key brings it back; F11 or Esc leave.
 *
 * <p>Full screen is on the screen the window is on (a second screen or projector if the window was moved there).
 */
public final class PresentationMode {
    private final BooleanProperty on = new SimpleBooleanProperty(this, "on", false);
    private final BooleanProperty stripShown = new SimpleBooleanProperty(this, "stripShown", true);
    private final BooleanProperty blank = new SimpleBooleanProperty(this, "blank", false);
    private final SlideCanvas canvas = new SlideCanvas();
    private final Label title = new Label();
    private final Label position = new Label();
    private final HBox controls = new HBox(24);
    private final StackPane pane;
    private final Node anchor;
    private final IntConsumer step;
    private final Runnable first;
    private final Runnable last;
    /** Leaving full screen some other way (the window manager, JavaFX's own Esc) leaves presentation with it. */
    private final javafx.beans.value.ChangeListener<Boolean> fullScreen = (obs, was, now) -> {
        if (!now && on.get()) {
            on.set(false);
        }
    };
    private Scene scene;
    private Parent normalRoot;

    /**
     * @param anchor a node of the window (the dashboard), whose scene is taken over while on
     * @param step   steps through the deck by the given number of slides
     * @param first  goes to the deck's first slide
     * @param last   goes to its last
     */
    public PresentationMode(Node anchor, IntConsumer step, Runnable first, Runnable last) {
        this.anchor = anchor;
        this.step = step;
        this.first = first;
        this.last = last;
        title.getStyleClass().add("strip-title");
        title.setId("slideTitle");
        // the title keeps up to 30 % of the strip in full (fitTitle); beyond that it shortens, the controls do not
        position.getStyleClass().add("strip-position");
        position.setId("slidePosition");
        position.setMinWidth(Region.USE_PREF_SIZE);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label keys = new Label("H strip · B blank · Esc leave");
        keys.getStyleClass().add("strip-keys");
        keys.setMinWidth(0);
        keys.setTooltip(new javafx.scene.control.Tooltip("H hides the strip, B blanks the screen, Esc leaves"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(controls, Priority.SOMETIMES);
        HBox strip = new HBox(16, title, controls, gap, position, keys);
        strip.setId("presentationStrip");
        strip.getStyleClass().add("presentation-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.setPadding(new Insets(4, 16, 6, 16));
        strip.visibleProperty().bind(stripShown);
        strip.managedProperty().bind(stripShown);
        canvas.setId("presentationChart");
        Label computing = new Label("computing…");
        computing.getStyleClass().add("strip-keys");
        computing.visibleProperty().bind(canvas.chartProperty().isNull());
        BorderPane slide = new BorderPane(new StackPane(canvas, computing));
        slide.setBottom(strip);
        slide.getStyleClass().add("presentation");
        Region black = new Region();
        black.setId("presentationBlank");
        black.setStyle("-fx-background-color: black;");
        black.visibleProperty().bind(blank);
        pane = new StackPane(slide, black);
        title.maxWidthProperty().bind(pane.widthProperty().multiply(TITLE_SHARE));
        pane.widthProperty().addListener(o -> fitTitle());
        title.textProperty().addListener(o -> fitTitle());
        // the key reminder gives its room to the title and the controls on a projector's 1280 pixels
        keys.visibleProperty().bind(pane.widthProperty().greaterThanOrEqualTo(KEYS_FROM_WIDTH));
        keys.managedProperty().bind(keys.visibleProperty());
        pane.setId("presentation");
        pane.setFocusTraversable(true);
        pane.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        on.addListener((obs, was, now) -> {
            if (now) {
                enter();
            } else {
                leave();
            }
        });
    }

    /** The share of the strip's width the slide title may take before it shortens. */
    private static final double TITLE_SHARE = 0.3;
    /** The strip shows its key reminder from this width on (a 1920-pixel screen, not a 1280 one). */
    static final double KEYS_FROM_WIDTH = 1600;

    /**
     * The title in full if it fits in its share of the strip: the controls give way first, down to theirs. Where the
     * controls need more than the rest of the strip (three of them on a 1280-pixel screen), the title shortens further,
     * so that the strip never grows past the screen and pushes the slide's right edge off it.
     */
    private void fitTitle() {
        title.applyCss();
        // the controls' skins (a slider's least width) exist once their CSS is applied
        controls.applyCss();
        if (!(title.getParent() instanceof HBox strip)) {
            return;
        }
        double others = controls.minWidth(-1) + position.prefWidth(-1) + strip.getSpacing()
                * (strip.getChildren().stream().filter(Node::isManaged).count() - 1)
                + strip.getPadding().getLeft() + strip.getPadding().getRight();
        // a pixel for each of the strip's roundings to whole pixels
        double room = Math.max(0, Math.floor(pane.getWidth() - others) - strip.getChildren().size());
        title.setMinWidth(Math.min(Math.min(title.prefWidth(-1), TITLE_SHARE * pane.getWidth()), room));
    }

    /** True while presenting; set it to enter or leave (F11 toggles it, Esc clears it). */
    public BooleanProperty onProperty() {
        return on;
    }

    /** Whether the strip of title and controls is shown (H toggles it). */
    public BooleanProperty stripShownProperty() {
        return stripShown;
    }

    /** True while the screen is black (B or '.'; any key brings the slide back). */
    public BooleanProperty blankProperty() {
        return blank;
    }

    /** The chart on the slide. */
    public SlideCanvas canvas() {
        return canvas;
    }

    /** Shows the slide's title, its place in the deck ("3 / 18" or empty) and its controls in the strip. */
    public void describe(String slideTitle, String place, List<Node> slideControls) {
        title.setText(slideTitle);
        position.setText(place);
        controls.getChildren().setAll(slideControls);
        fitTitle();
        // again once the new controls are in the scene and styled
        javafx.application.Platform.runLater(this::fitTitle);
    }

    private void enter() {
        scene = anchor.getScene();
        if (scene == null) {
            on.set(false);
            return;
        }
        normalRoot = scene.getRoot();
        blank.set(false);
        scene.setRoot(pane);
        if (scene.getWindow() instanceof Stage stage) {
            stage.setFullScreenExitHint("");
            stage.fullScreenProperty().addListener(fullScreen);
            stage.setFullScreen(true);
        }
        pane.requestFocus();
        // the controls are styled now that the strip is on screen
        javafx.application.Platform.runLater(this::fitTitle);
    }

    private void leave() {
        if (scene == null) {
            return;
        }
        blank.set(false);
        Window window = scene.getWindow();
        if (window instanceof Stage stage) {
            stage.fullScreenProperty().removeListener(fullScreen);
            stage.setFullScreen(false);
        }
        scene.setRoot(normalRoot);
        scene = null;
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (blank.get()) {
            if (!k.isModifierKey()) {
                blank.set(false);
                e.consume();
            }
            return;
        }
        Object target = e.getTarget();
        boolean typing = target instanceof TextInputControl;
        boolean adjusting = typing || target instanceof Slider || target instanceof ComboBoxBase;
        switch (k) {
            case F11, ESCAPE -> on.set(false);
            case F5 -> { }   // a remote's "start" while already presenting
            case B, PERIOD -> {
                if (typing) {
                    return;
                }
                blank.set(true);
            }
            case H -> {
                if (typing) {
                    return;
                }
                stripShown.set(!stripShown.get());
            }
            case PAGE_DOWN, PAGE_UP -> {
                if (typing) {
                    return;
                }
                move(k == KeyCode.PAGE_DOWN ? 1 : -1);
            }
            case RIGHT, DOWN, LEFT, UP -> {
                if (adjusting) {
                    return;
                }
                move(k == KeyCode.RIGHT || k == KeyCode.DOWN ? 1 : -1);
            }
            case HOME, END -> {
                if (adjusting) {
                    return;
                }
                (k == KeyCode.HOME ? first : last).run();
                pane.requestFocus();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void move(int by) {
        step.accept(by);
        pane.requestFocus();   // the next arrow steps again rather than moving a control of the new slide
    }
}
