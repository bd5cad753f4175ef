package org.vanish.importer;

import java.util.Arrays;

/**
 * One tensor of a checkpoint, read into doubles (exact for float16, bfloat16 and float32 values), contiguous and
 * row-major whatever the strides it was stored with.
 *
 * @param dtype the stored element type as the file names it ({@code float32}, {@code bfloat16}, ...)
 * @param shape sizes per dimension; empty for a scalar
 * @param data prod(shape) values, row-major
 */
public record Tensor(String dtype, int[] shape, double[] data) {

    public Tensor {
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, not "
                    + data.length);
        }
    }

    public int dims() {
        return shape.length;
    }

    /** The shape as PyTorch prints it: [16, 8]. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** Rows [from, from + count) of a 2-D tensor as a matrix of rows. */
    public double[][] rows(int from, int count) {
        int cols = shape[1];
        double[][] out = new double[count][cols];
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, (from + i) * cols, out[i], 0, cols);
        }
        return out;
    }

    /** Entries [from, from + count) of a 1-D tensor. */
    public double[] slice(int from, int count) {
        return Arrays.copyOfRange(data, from, from + count);
    }

    /**
     * Gathers a strided view of a flat storage, as PyTorch's {@code as_strided(size, stride, offset)} reads it.
     * @throws ImportException if the view reaches outside the storage
     */
    static Tensor view(String name, String dtype, double[] storage, long offset, int[] shape, long[] stride)
            throws ImportException {
        long count = 1;
        long last = offset;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] < 0 || stride[k] < 0) {
                throw new ImportException(name + ": negative size or stride " + Arrays.toString(shape) + " / "
                        + Arrays.toString(stride) + "; the file is damaged");
            }
            count *= shape[k];
            last += (long) Math.max(shape[k] - 1, 0) * stride[k];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new ImportException(name + ": " + count + " values is too large a tensor");
        }
        if (offset < 0 || (count > 0 && last >= storage.length)) {
            throw new ImportException(name + ": the view " + Arrays.toString(shape) + " at offset " + offset
                    + " with strides " + Arrays.toString(stride) + " reaches past its storage of " + storage.length
                    + " values; the file is damaged");
        }
        double[] out = new double[(int) count];
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            long at = offset;
            for (int k = 0; k < shape.length; k++) {
                at += idx[k] * stride[k];
            }
            out[i] = storage[(int) at];
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return new Tensor(dtype, shape.clone(), out);
    }
}
