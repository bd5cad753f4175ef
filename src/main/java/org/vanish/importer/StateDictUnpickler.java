package org.vanish.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler restricted to what {@code torch.save(model.state_dict())} writes: an OrderedDict of tensors
 * rebuilt by {@code torch._utils._rebuild_tensor_v2} from storages named by persistent id. Every global is looked up
 * in a fixed whitelist before anything else happens; the opcodes that would make or call anything else (INST, OBJ,
 * NEWOBJ, the extension registry, BUILD on anything but an OrderedDict) are refused. Nothing in the file is ever
 * executed or instantiated: the whitelisted globals map to this class's own constructors.
 */
final class StateDictUnpickler extends Unpickler {
    /** Reads a storage's values: (key, element type, number of elements). */
    interface StorageSource {
        double[] read(String key, ElementType type, long numel) throws ImportException;
    }

    /** A storage named by the pickle's persistent id, read lazily. */
    record Storage(String key, ElementType type, long numel) {
    }

    private static final Set<String> REBUILD_TENSOR = Set.of("torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_tensor");
    private static final Set<String> REBUILD_PARAMETER = Set.of("torch._utils._rebuild_parameter",
            "torch._utils._rebuild_parameter_with_state");

    private final StorageSource source;
    private final Map<String, double[]> storages = new LinkedHashMap<>();
    private ImportException failure;

    StateDictUnpickler(StorageSource source) {
        this.source = source;
    }

    /**
     * Unpickles a state_dict.
     * @return its entries, name to tensor, in file order (nested dicts are flattened with dotted names)
     */
    Map<String, Tensor> stateDict(byte[] pickle) throws ImportException {
        Object root;
        try {
            root = loads(pickle);
        } catch (Refused e) {
            throw e.reason;
        } catch (IOException | RuntimeException e) {
            if (failure != null) {
                throw failure;
            }
            throw new ImportException("the checkpoint's pickle is damaged (" + e.getMessage() + ")", e);
        } finally {
            close();
        }
        if (!(root instanceof Map)) {
            throw new ImportException("the checkpoint holds " + describe(root) + ", not a state_dict; save one with"
                    + " torch.save(model.state_dict(), \"model.pt\")");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        flatten("", (Map<?, ?>) root, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Tensor> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Tensor) {
                out.put(key, (Tensor) e.getValue());
            } else if (e.getValue() instanceof Map) {
                flatten(key + ".", (Map<?, ?>) e.getValue(), out);
            }
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.REDUCE: {
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(callable instanceof Global) || !(args instanceof Object[])) {
                    throw refuse("the pickle calls something that is not one of the state_dict's functions");
                }
                stack.add(((Global) callable).construct((Object[]) args));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD: {
                stack.pop();
                if (!(stack.peek() instanceof StateDictMap)) {
                    throw refuse("the pickle sets the state of " + describe(stack.peek()) + "; a state_dict sets none");
                }
                return NO_RETURN_VALUE;   // OrderedDict's _metadata: the module versions, not needed
            }
            case Opcodes.SETITEMS: {
                // Pyrolite gathers the items in a HashMap first; a state_dict's order is its modules' order
                List<Object> items = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    dict.put(items.get(i), items.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST: case Opcodes.OBJ: case Opcodes.NEWOBJ: case Opcodes.NEWOBJ_EX:
            case Opcodes.EXT1: case Opcodes.EXT2: case Opcodes.EXT4:
                throw refuse("the pickle creates an object (opcode " + key + "); a state_dict holds only tensors."
                        + " Nothing was executed");
            default:
                return super.dispatch(key);
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[]) || ((Object[]) pid).length < 5 || !"storage".equals(((Object[]) pid)[0])
                || !(((Object[]) pid)[1] instanceof StorageType)) {
            throw refuse("the pickle refers to an external object " + describe(pid) + " that is not a tensor storage");
        }
        Object[] p = (Object[]) pid;
        return new Storage(String.valueOf(p[2]), ((StorageType) p[1]).type, ((Number) p[4]).longValue());
    }

    /** The whitelist: every global the pickle names is one of these or the unpickling stops here. */
    private Object resolve(String module, String name) {
        String full = module + "." + name;
        if (full.equals("collections.OrderedDict")) {
            return (Global) args -> new StateDictMap();
        }
        if (REBUILD_TENSOR.contains(full)) {
            return (Global) this::rebuildTensor;
        }
        if (REBUILD_PARAMETER.contains(full)) {
            return (Global) args -> args[0];
        }
        if (module.equals("torch") && ElementType.fromTorchStorage(name) != null) {
            return new StorageType(ElementType.fromTorchStorage(name));
        }
        if (module.equals("__main__") || module.startsWith("torch.nn") || module.startsWith("torch.jit")) {
            throw refuse("the file holds a pickled whole model (" + full + "), which only its own Python code can load;"
                    + " save its weights instead: torch.save(model.state_dict(), \"model.pt\")");
        }
        throw refuse("the pickle names " + full + ", which a state_dict never needs; refused, nothing was executed"
                + " (allowed: collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter,"
                + " torch.*Storage)");
    }

    /** _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
    private Object rebuildTensor(Object[] a) {
        if (a.length < 4 || !(a[0] instanceof Storage) || !(a[1] instanceof Number) || !(a[2] instanceof Object[])
                || !(a[3] instanceof Object[])) {
            throw refuse("a tensor in the pickle is rebuilt from unexpected arguments; the file is damaged");
        }
        Storage s = (Storage) a[0];
        Object[] size = (Object[]) a[2];
        Object[] stride = (Object[]) a[3];
        if (size.length != stride.length) {
            throw refuse("a tensor has " + size.length + " sizes but " + stride.length + " strides; the file is damaged");
        }
        int[] shape = new int[size.length];
        long[] strides = new long[size.length];
        for (int k = 0; k < shape.length; k++) {
            long v = ((Number) size[k]).longValue();
            if (v > Integer.MAX_VALUE) {
                throw refuse("a tensor dimension of " + v + " is too large");
            }
            shape[k] = (int) v;
            strides[k] = ((Number) stride[k]).longValue();
        }
        try {
            double[] values = storages.get(s.key());
            if (values == null) {
                values = source.read(s.key(), s.type(), s.numel());
                storages.put(s.key(), values);
            }
            return Tensor.view("storage " + s.key(), s.type().id, values, ((Number) a[1]).longValue(), shape, strides);
        } catch (ImportException e) {
            throw new Refused(e);
        }
    }

    private Refused refuse(String message) {
        failure = new ImportException(message);
        return new Refused(failure);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[]) {
            List<String> parts = new ArrayList<>();
            for (Object x : (Object[]) o) {
                parts.add(String.valueOf(x));
            }
            return "(" + String.join(", ", parts) + ")";
        }
        return o.getClass().getSimpleName().equals("ClassDict") ? "an object" : "a " + o.getClass().getSimpleName();
    }

    /** A whitelisted global: this class's own code stands in for the Python function. */
    private interface Global extends IObjectConstructor {
        @Override
        Object construct(Object[] args);
    }

    /** torch.FloatStorage and friends: only ever a tag in a persistent id. */
    private record StorageType(ElementType type) {
    }

    /** collections.OrderedDict. */
    private static final class StateDictMap extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** Carries a refusal through Pyrolite's loop, which declares only PickleException. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final ImportException reason;

        Refused(ImportException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }
}
