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
            .that().resideInAnyPackage("..engine..", "..preset..", "..report..", "..cli..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "..ui..", "..app..")
            .because("the command line and the reports run without a display");

    @ArchTest
    static final ArchRule engineIsPureMaths = noClasses()
            .that().resideInAPackage("..engine..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("..preset..", "..report..", "..cli..", "..ui..", "..app..")
            .because("the engine is used by every other layer and must not know about any of them");

    @ArchTest
    static final ArchRule viewsDoNotKnowTheApp = noClasses()
            .that().resideInAPackage("..ui..")
            .should().dependOnClassesThat().resideInAPackage("..app..")
            .because("the app assembles the views, not the other way round");
}
