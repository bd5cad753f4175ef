package org.vanish.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Reading and waiting on the FX thread, for the window tests. */
public final class FxWait {
    /** Long enough for a loaded CI machine; a passing test never waits for it. */
    public static final long TIMEOUT_S = 60;

    private FxWait() {
    }

    /** read's value, read on the FX thread. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Waits until condition, evaluated on the FX thread, holds. */
    public static void awaitFx(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> onFx(condition));
    }
}
