package org.vanish.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The jar that runs everywhere picks the natives of the system it runs on, named as JavaFX's jars name them. */
class NativeLibrariesTest {

    @Test
    void eachSystemGetsItsOwnJavaFxClassifier() {
        assertEquals("linux", NativeLibraries.classifier("Linux", "amd64"));
        assertEquals("win", NativeLibraries.classifier("Windows 11", "amd64"));
        assertEquals("mac", NativeLibraries.classifier("Mac OS X", "x86_64"));
        assertEquals("mac-aarch64", NativeLibraries.classifier("Mac OS X", "aarch64"));
        // JavaFX 21 publishes no Linux aarch64 build on Maven Central, and none for Windows on ARM
        assertNull(NativeLibraries.classifier("Linux", "aarch64"));
        assertNull(NativeLibraries.classifier("Windows 11", "aarch64"));
        assertNull(NativeLibraries.classifier("FreeBSD", "amd64"));
    }
}
