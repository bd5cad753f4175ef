package org.vanish.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheFolderTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void eachSystemHasItsOwnPlace() {
        assertEquals(Path.of("C:/Users/ada/AppData/Local", "Vanish", "cache"),
                CacheFolder.root("Windows 11", HOME, Map.of("LOCALAPPDATA", "C:/Users/ada/AppData/Local")));
        assertEquals(HOME.resolve("Library/Caches/Vanish"), CacheFolder.root("Mac OS X", HOME, Map.of()));
        assertEquals(HOME.resolve(".cache/vanish"), CacheFolder.root("Linux", HOME, Map.of()));
        assertEquals(Path.of("/tmp/xdg/vanish"), CacheFolder.root("Linux", HOME, Map.of("XDG_CACHE_HOME", "/tmp/xdg")));
    }

    @Test
    void aRelativeXdgCacheHomeIsIgnoredAsTheSpecificationAsks() {
        assertEquals(HOME.resolve(".cache/vanish"), CacheFolder.root("Linux", HOME, Map.of("XDG_CACHE_HOME", "cache")));
    }
}
