package org.vanish.importer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** The element types a checkpoint's storages hold, and how their little-endian bytes become doubles (exactly). */
enum ElementType {
    FLOAT64("float64", 8), FLOAT32("float32", 4), FLOAT16("float16", 2), BFLOAT16("bfloat16", 2),
    INT64("int64", 8), INT32("int32", 4), INT16("int16", 2), INT8("int8", 1), UINT8("uint8", 1), BOOL("bool", 1);

    final String id;
    final int bytes;

    ElementType(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    boolean isFloat() {
        return ordinal() <= BFLOAT16.ordinal();
    }

    /** PyTorch's storage class name (torch.FloatStorage, ...) to its type, or null if not one of these. */
    static ElementType fromTorchStorage(String name) {
        switch (name) {
            case "DoubleStorage": return FLOAT64;
            case "FloatStorage": return FLOAT32;
            case "HalfStorage": return FLOAT16;
            case "BFloat16Storage": return BFLOAT16;
            case "LongStorage": return INT64;
            case "IntStorage": return INT32;
            case "ShortStorage": return INT16;
            case "CharStorage": return INT8;
            case "ByteStorage": return UINT8;
            case "BoolStorage": return BOOL;
            default: return null;
        }
    }

    /** The safetensors dtype (F32, BF16, ...) to its type, or null. */
    static ElementType fromSafetensors(String dtype) {
        switch (dtype.toUpperCase(Locale.ROOT)) {
            case "F64": return FLOAT64;
            case "F32": return FLOAT32;
            case "F16": return FLOAT16;
            case "BF16": return BFLOAT16;
            case "I64": return INT64;
            case "I32": return INT32;
            case "I16": return INT16;
            case "I8": return INT8;
            case "U8": return UINT8;
            case "BOOL": return BOOL;
            default: return null;
        }
    }

    /** count values starting at byte offset `from` of little-endian bytes. */
    double[] decode(byte[] raw, int from, int count) {
        ByteBuffer b = ByteBuffer.wrap(raw, from, count * bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            switch (this) {
                case FLOAT64: out[i] = b.getDouble(); break;
                case FLOAT32: out[i] = b.getFloat(); break;
                case FLOAT16: out[i] = halfToFloat(b.getShort()); break;
                case BFLOAT16: out[i] = java.lang.Float.intBitsToFloat((b.getShort() & 0xffff) << 16); break;
                case INT64: out[i] = b.getLong(); break;
                case INT32: out[i] = b.getInt(); break;
                case INT16: out[i] = b.getShort(); break;
                case INT8: out[i] = b.get(); break;
                case UINT8: out[i] = b.get() & 0xff; break;
                default: out[i] = b.get() != 0 ? 1 : 0; break;
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float, exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits >>> 15) << 31;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return java.lang.Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return java.lang.Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
