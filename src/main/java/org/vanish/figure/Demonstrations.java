package org.vanish.figure;

import java.util.List;
import java.util.Optional;

/** The lecture's demonstrations and theory views, in the order the app lists them. */
public final class Demonstrations {
    private static final List<Demonstration> ALL = List.of(
            new UnrolledDemonstration(),
            new EigenbasisDemonstration(),
            new WordsDemonstration(),
            new CliffDemonstration(),
            new CountingDemonstration(),
            new GatesDemonstration(),
            new StackedDemonstration(),
            new PhaseDiagramDemonstration(),
            new LyapunovDemonstration(),
            new PascanuDemonstration());

    private Demonstrations() {
    }

    /** All of them, in list order. */
    public static List<Demonstration> all() {
        return ALL;
    }

    /** The one called name, or empty. */
    public static Optional<Demonstration> byName(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Their names, in list order. */
    public static List<String> names() {
        return ALL.stream().map(Demonstration::name).toList();
    }
}
