package org.vanish.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code .safetensors}: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}),
 * then the raw little-endian data, offsets relative to its start.
 */
public final class SafeTensorsFile {
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensorsFile() {
    }

    /** The tensors in the file, name to tensor, in header order. */
    public static Map<String, Tensor> read(Path file) throws ImportException {
        String name = file.getFileName().toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 8 || ch.read(len, 0) != 8) {
                throw new ImportException(name + ": too short for a safetensors file (8-byte header length, JSON header,"
                        + " data)");
            }
            long n = len.flip().getLong();
            if (n <= 1 || n > MAX_HEADER || 8 + n > size) {
                throw new ImportException(name + ": not a safetensors file (its header length " + n
                        + " does not fit the file's " + size + " bytes)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            ch.read(header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(header.array());
            } catch (IOException e) {
                throw new ImportException(name + ": the safetensors header is not valid JSON");
            }
            if (root == null || !root.isObject()) {
                throw new ImportException(name + ": the safetensors header is not a JSON object");
            }
            long dataStart = 8 + n;
            long dataSize = size - dataStart;
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), tensor(ch, name, e.getKey(), e.getValue(), dataStart, dataSize));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new ImportException(name + ": no such file");
        } catch (IOException e) {
            throw new ImportException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Tensor tensor(FileChannel ch, String file, String key, JsonNode t, long dataStart, long dataSize)
            throws ImportException, IOException {
        String where = file + ": " + key + ": ";
        JsonNode dtype = t.get("dtype");
        JsonNode shape = t.get("shape");
        JsonNode offsets = t.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new ImportException(where + "a tensor entry needs dtype, shape and data_offsets [begin, end]");
        }
        ElementType type = ElementType.fromSafetensors(dtype.asText());
        if (type == null) {
            throw new ImportException(where + "dtype " + dtype.asText() + " is not supported; allowed: F64, F32, F16,"
                    + " BF16 and the integer types");
        }
        int[] dims = new int[shape.size()];
        long count = 1;
        for (int k = 0; k < dims.length; k++) {
            long v = shape.get(k).asLong(-1);
            if (!shape.get(k).isIntegralNumber() || v < 0 || v > Integer.MAX_VALUE) {
                throw new ImportException(where + "shape " + shape + " is not a list of sizes");
            }
            dims[k] = (int) v;
            count *= v;
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataSize) {
            throw new ImportException(where + "data_offsets " + offsets + " lie outside the file's " + dataSize
                    + " data bytes; the file is truncated or damaged");
        }
        if (end - begin != count * type.bytes) {
            throw new ImportException(where + "shape " + shape + " of " + dtype.asText() + " needs " + count * type.bytes
                    + " bytes, data_offsets give " + (end - begin));
        }
        if (count > TorchCheckpoint.MAX_STORAGE_BYTES / type.bytes) {
            throw new ImportException(where + count + " values is too large a tensor");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) (end - begin));
        while (raw.hasRemaining() && ch.read(raw, dataStart + begin + raw.position()) > 0) {
            // read until full
        }
        return new Tensor(type.id, dims, type.decode(raw.array(), 0, (int) count));
    }
}
