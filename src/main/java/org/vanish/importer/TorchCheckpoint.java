package org.vanish.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads {@code torch.save(model.state_dict(), "model.pt")} files: a zip holding {@code ARCHIVE/data.pkl} (the
 * pickle, read by {@link StateDictUnpickler}), {@code ARCHIVE/byteorder} and one raw little-endian storage per
 * {@code ARCHIVE/data/KEY}.
 */
public final class TorchCheckpoint {
    /** Storages larger than this are refused before they are read (a recurrent model is far smaller). */
    static final long MAX_STORAGE_BYTES = 1L << 30;

    private TorchCheckpoint() {
    }

    /**
     * How torch.save's legacy format begins (torch before 1.6, or {@code _use_new_zipfile_serialization=False}): a
     * protocol-2 pickle of the magic number 0x1950a86a20f9469cfc6c.
     */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c,
        0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};

    /** Whether a file's first bytes are a zip's (PK\3\4). */
    static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(LEGACY_MAGIC.length);
        }
    }

    /** Why a file that is not a zip is no checkpoint this reads, in words the user can act on. */
    private static String notAZip(String name, byte[] head) {
        if (head.length == 0) {
            return name + ": the file is empty (0 bytes); save the model again with"
                    + " torch.save(model.state_dict(), \"model.pt\")";
        }
        if (java.util.Arrays.equals(head, LEGACY_MAGIC)) {
            return name + ": saved in torch's legacy format (torch before 1.6, or"
                    + " _use_new_zipfile_serialization=False), which is not read here; load it in PyTorch and save it"
                    + " again with torch.save(model.state_dict(), \"model.pt\")";
        }
        return name + ": not a PyTorch checkpoint (a .pt file is a zip archive written by torch.save; files from torch"
                + " before 1.6 must be saved again with a current torch)";
    }

    /**
     * The state_dict in the file, name to tensor.
     * @throws ImportException if the file is not such a zip, is damaged, or its pickle needs anything but tensors
     */
    public static Map<String, Tensor> read(Path file) throws ImportException {
        String name = file.getFileName().toString();
        try {
            byte[] head = head(file);
            if (!looksLikeZip(head)) {
                throw new ImportException(notAZip(name, head));
            }
        } catch (NoSuchFileException e) {
            throw new ImportException(name + ": no such file");
        } catch (IOException e) {
            throw new ImportException(name + ": cannot be read (" + e.getMessage() + ")");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = null;
            for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                if (e.getName().endsWith("data.pkl") && e.getName().indexOf('/') == e.getName().lastIndexOf('/')) {
                    pickle = e;
                    break;
                }
            }
            if (pickle == null) {
                throw new ImportException(name + ": the zip holds no data.pkl; not a file written by torch.save");
            }
            String archive = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            ZipEntry order = zip.getEntry(archive + "byteorder");
            if (order != null && !new String(readAll(zip, order, 16), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().equals("little")) {
                throw new ImportException(name + ": the storages are big-endian; save the model on a little-endian"
                        + " machine");
            }
            byte[] bytes = readAll(zip, pickle, 64L << 20);
            StateDictUnpickler.StorageSource storages = (key, type, numel) -> {
                ZipEntry e = zip.getEntry(archive + "data/" + key);
                if (e == null) {
                    throw new ImportException("storage " + key + " is missing from the zip; the file is damaged");
                }
                long need = numel * type.bytes;
                if (numel < 0 || need > MAX_STORAGE_BYTES) {
                    throw new ImportException("storage " + key + ": " + numel + " values is too large");
                }
                byte[] raw;
                try {
                    raw = readAll(zip, e, need);
                } catch (IOException ex) {
                    throw new ImportException("storage " + key + " cannot be read (" + ex.getMessage()
                            + "); the file is damaged or truncated");
                }
                if (raw.length < need) {
                    throw new ImportException("storage " + key + " holds " + raw.length + " bytes, its tensors need "
                            + need + "; the file is truncated");
                }
                return type.decode(raw, 0, (int) numel);
            };
            try {
                return new StateDictUnpickler(storages).stateDict(bytes);
            } catch (ImportException e) {
                throw new ImportException(name + ": " + e.getMessage(), e);
            }
        } catch (ZipException e) {
            throw new ImportException(name + ": the zip archive is damaged or truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ImportException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static byte[] readAll(ZipFile zip, ZipEntry e, long limit) throws IOException {
        if (e.getSize() > limit) {
            throw new IOException(e.getName() + " is " + e.getSize() + " bytes, more than expected");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
        }
    }
}
