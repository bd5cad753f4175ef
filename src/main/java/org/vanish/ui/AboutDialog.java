package org.vanish.ui;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Window;
import org.vanish.Version;

/** Help → About: the app's name and version (the Maven project's), its license, and the Java running it. */
public final class AboutDialog {
    /** The window icon's sizes, in src/main/resources/icons (drawn by packaging/icons/IconGenerator.java). */
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private AboutDialog() {
    }

    /** The app's icon in every size it ships, for a window's title bar and task switcher. */
    public static List<Image> icons() {
        return ICON_SIZES.stream()
                .map(s -> new Image(AboutDialog.class.getResource("/icons/vanish-" + s + ".png").toExternalForm()))
                .toList();
    }

    /** The dialog's text below its header. */
    static String text() {
        return String.join("\n",
                "Vanishing and exploding gradients in RNN, LSTM and GRU, made visible.",
                "",
                Version.LICENSE + ". " + Version.COPYRIGHT + ".",
                "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?"),
                "",
                "After Bengio, Simard & Frasconi 1994; Hochreiter & Schmidhuber 1997; Pascanu, Mikolov & Bengio 2013.");
    }

    static void show(Window owner) {
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(owner);
        about.setTitle("About Vanish");
        about.setHeaderText(Version.nameAndNumber());
        about.setGraphic(new ImageView(new Image(
                AboutDialog.class.getResource("/icons/vanish-64.png").toExternalForm())));
        about.setContentText(text());
        about.getDialogPane().setMinWidth(560);
        about.show();
    }
}
