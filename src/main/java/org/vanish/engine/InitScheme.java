package org.vanish.engine;

import java.util.Locale;

/** How recurrent matrices are drawn; the gain g multiplies the draw. */
public enum InitScheme {
    /** Entries N(0, g²/n): the circular law puts the eigenvalues in the disk of radius g. */
    GAUSSIAN,
    /** g·Q for a Haar-random orthogonal Q (QR of a gaussian matrix, signs fixed by diag R). */
    ORTHOGONAL,
    /** g·I (Le et al. 2015's IRNN when used with relu). */
    IDENTITY,
    /** PyTorch's default U(-1/√n, 1/√n), times g. */
    PYTORCH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InitScheme fromId(String id) {
        for (InitScheme s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
