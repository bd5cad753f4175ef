package org.vanish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers of STYLE.md point one way: ui and app on top, the engine at the bottom knowing nothing else. */
@AnalyzeClasses(packages = "org.vanish", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule headlessLayersLoadNoJavaFx = noClasses()
            .that().resideInAnyPackage("..engine..", "..theory..", "..lecture..", "..train..", "..preset..", "..report..",
                    "..figure..", "..cli..", "..importer..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..", "org.vanish.ui..", "org.vanish.app..")
            .because("the command line, the reports and the figures' PNG and SVG exports run without a display");

    @ArchTest
    static final ArchRule figuresDrawOnlyEngineResults = noClasses()
            .that().resideInAPackage("..figure..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.vanish.preset..", "org.vanish.report..", "org.vanish.cli..", "org.vanish.ui..",
                    "org.vanish.app..")
            .because("a figure is drawn from engine results alone, the same on screen, in PNG and in SVG");

    @ArchTest
    static final ArchRule engineIsPureMaths = noClasses()
            .that().resideInAPackage("..engine..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..preset..", "..report..", "..figure..", "..files..", "..cli..", "org.vanish.ui..",
                    "org.vanish.app..")
            .because("the engine is used by every other layer and must not know about any of them");

    @ArchTest
    static final ArchRule lectureTheoryAndTrainingAreMaths = noClasses()
            .that().resideInAnyPackage("..lecture..", "..theory..", "..train..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..preset..", "..report..", "..figure..", "..files..", "..cli..", "org.vanish.ui..",
                    "org.vanish.app..", "org.jfree..")
            .because("the demonstrations', the theory's and the training's numbers are computed and tested apart "
                    + "from how they are drawn and stored");

    @ArchTest
    static final ArchRule importReadsFilesIntoPresets = noClasses()
            .that().resideInAPackage("..importer..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..report..", "..figure..", "..cli..", "org.vanish.ui..", "org.vanish.app..")
            .because("an imported model becomes an ordinary preset; the command line and the app both use the import");

    @ArchTest
    static final ArchRule viewsDoNotKnowTheApp = noClasses()
            .that().resideInAPackage("org.vanish.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.vanish.app..")
            .because("the app assembles the views, not the other way round");
}
