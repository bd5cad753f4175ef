#!/usr/bin/env python3
"""Writes the model-import test fixtures next to this script and PyTorch autograd's reference gradients.

Run from anywhere: python3 src/test/resources/importer/make_fixtures.py   (needs python3-torch; Debian:
apt-get install python3-torch). Everything is seeded; rerunning writes the same files.

For each model in reference.json: explicit inputs x_1..x_T (the module's inputs, after any embedding), a readout v,
zero initial states, and, from torch.autograd in float64 on L = v . h_n (h_n as nn.LSTM/GRU/RNN return it: the top
layer's h_T, and for a bidirectional module [forward h_T; backward state after reading x_1]):
  layerSeries: per layer and direction (layer 0 fwd, layer 0 bwd, layer 1 fwd, ...), log10 ||dL/ds_k||_2 for
    k = 0..T in that direction's processing order (s = h, or [h; c] for the LSTM), with h and c parts for the LSTM;
  log10InputGradNorm: log10 ||dL/dx_t||_2, t = 1..T.
The per-layer states come from one-layer copies of each layer and direction, stacked by hand; the script checks
that the stack's output equals the original module's to 1e-12 before it writes anything.
"""
import collections
import io
import json
import math
import os
import pickle
import struct
import zipfile

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(467)


def path(name):
    return os.path.join(HERE, name)


def kind_of(mod):
    return 'lstm' if isinstance(mod, nn.LSTM) else 'gru' if isinstance(mod, nn.GRU) else 'rnn'


def one_layer(mod, sd, prefix, layer, reverse):
    """A one-layer, one-direction copy of layer `layer` of a module, in float64."""
    sfx = '_l%d%s' % (layer, '_reverse' if reverse else '')
    w_ih = sd[prefix + 'weight_ih' + sfx].double()
    n = mod.hidden_size
    cls = type(mod)
    kw = {'nonlinearity': mod.nonlinearity} if isinstance(mod, nn.RNN) else {}
    one = cls(w_ih.shape[1], n, num_layers=1, bias=mod.bias, **kw).double()
    with torch.no_grad():
        one.weight_ih_l0.copy_(w_ih)
        one.weight_hh_l0.copy_(sd[prefix + 'weight_hh' + sfx].double())
        if mod.bias:
            one.bias_ih_l0.copy_(sd[prefix + 'bias_ih' + sfx].double())
            one.bias_hh_l0.copy_(sd[prefix + 'bias_hh' + sfx].double())
    return one


def log10norm(g):
    v = float(torch.linalg.norm(g)) if g is not None else 0.0
    return math.log10(v) if v > 0 else None


def reference(mod, sd, prefix, T, seed):
    """Autograd's per-step gradient norms of L = v . h_n for explicit inputs, as described above."""
    gen = torch.Generator().manual_seed(seed)
    m, n, L = mod.input_size, mod.hidden_size, mod.num_layers
    D = 2 if mod.bidirectional else 1
    lstm = isinstance(mod, nn.LSTM)
    x = torch.randn(T, m, generator=gen, dtype=torch.float64)
    v = torch.randn(D * n, generator=gen, dtype=torch.float64)
    xs = [x[t].clone().requires_grad_(True) for t in range(T)]
    layer_in = xs
    states = []  # per (layer, dir): list of T+1 (h, c) in processing order
    top = None
    for l in range(L):
        outs = []
        for d in range(D):
            one = one_layer(mod, sd, prefix, l, d == 1)
            h = torch.zeros(1, 1, n, dtype=torch.float64, requires_grad=True)
            c = torch.zeros(1, 1, n, dtype=torch.float64, requires_grad=True) if lstm else None
            seq = []
            order = range(T) if d == 0 else range(T - 1, -1, -1)
            for t in order:
                inp = layer_in[t].view(1, 1, -1)
                if lstm:
                    _, (h2, c2) = one(inp, (h, c))
                else:
                    _, h2 = one(inp, h)
                    c2 = None
                seq.append((h, c))
                h, c = h2, c2
            seq.append((h, c))
            for (hh, cc) in seq:
                hh.retain_grad()
                if cc is not None:
                    cc.retain_grad()
            states.append(seq)
            # output at time t: state after reading x_t
            outs.append([seq[t + 1][0].view(-1) for t in range(T)] if d == 0
                        else [seq[T - t][0].view(-1) for t in range(T)])
        layer_in = [torch.cat([o[t] for o in outs]) for t in range(T)]
        top = outs
    h_n = torch.cat([states[-D][T][0].view(-1)] + ([states[-1][T][0].view(-1)] if D == 2 else []))
    # the stack built here must be the module itself
    with torch.no_grad():
        full = type(mod)(m, n, num_layers=L, bias=mod.bias, bidirectional=mod.bidirectional,
                         **({'nonlinearity': mod.nonlinearity} if isinstance(mod, nn.RNN) else {})).double()
        full.load_state_dict({k[len(prefix):]: t.double() for k, t in sd.items() if k.startswith(prefix)
                              and k[len(prefix):] in dict(full.named_parameters())})
        out, _ = full(x.view(T, 1, m))
        mine = torch.stack(layer_in)
        assert torch.max(torch.abs(out.view(T, -1) - mine)) < 1e-12, 'hand-built stack differs from the module'
    loss = torch.dot(v, h_n)
    loss.backward()
    series = []
    for i, seq in enumerate(states):
        entry = {'layer': i // D, 'direction': 'forward' if i % D == 0 else 'backward', 'log10GradNorm': [],
                 'log10GradNormH': [], 'log10GradNormC': []}
        for (hh, cc) in seq:
            gh = hh.grad if hh.grad is not None else torch.zeros_like(hh)
            if lstm:
                gc = cc.grad if cc.grad is not None else torch.zeros_like(cc)
                entry['log10GradNorm'].append(log10norm(torch.cat([gh.view(-1), gc.view(-1)])))
                entry['log10GradNormH'].append(log10norm(gh))
                entry['log10GradNormC'].append(log10norm(gc))
            else:
                entry['log10GradNorm'].append(log10norm(gh))
        if not lstm:
            del entry['log10GradNormH'], entry['log10GradNormC']
        series.append(entry)
    return {'steps': T, 'inputSize': m, 'hiddenSize': n, 'layers': L, 'bidirectional': D == 2, 'cell': kind_of(mod),
            'inputs': x.tolist(), 'readout': v.tolist(), 'layerSeries': series,
            'log10InputGradNorm': [log10norm(xt.grad) for xt in xs]}


def write_safetensors(name, tensors):
    """The format by hand: 8-byte little-endian header length, JSON header, raw little-endian data."""
    header, blobs, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    codes = {torch.float32: 'F32', torch.float64: 'F64', torch.float16: 'F16', torch.bfloat16: 'BF16'}
    for k, t in tensors.items():
        t = t.contiguous()
        raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
        header[k] = {'dtype': codes[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    with open(path(name), 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


refs = {}


class Tagger(nn.Module):
    """An embedding, a recurrent module and a linear head: what a student's model looks like."""

    def __init__(self, rnn, vocab=12, heads=2):
        super().__init__()
        self.emb = nn.Embedding(vocab, rnn.input_size)
        self.rnn = rnn
        self.fc = nn.Linear(rnn.hidden_size * (2 if rnn.bidirectional else 1), heads)


def save(name, model, sub='rnn', T=7, seed=1, dtype=None):
    sd = model.state_dict()
    if dtype is not None:
        sd = collections.OrderedDict((k, t.to(dtype)) for k, t in sd.items())
    if name.endswith('.safetensors'):
        write_safetensors(name, sd)
    else:
        torch.save(sd, path(name))
    mod = dict(model.named_modules())[sub] if sub else model
    prefix = sub + '.' if sub else ''
    refs[name] = reference(mod, sd, prefix, T, seed)


# one layer, one direction: analysable end to end today
save('lstm1.pt', Tagger(nn.LSTM(3, 4)), seed=1)
save('rnn1_relu.pt', nn.RNN(3, 5, nonlinearity='relu'), sub='', seed=2, dtype=torch.float64)
save('rnn1_tanh.safetensors', Tagger(nn.RNN(3, 5)), seed=3)
save('lstm1_half.pt', Tagger(nn.LSTM(3, 4)), seed=4, dtype=torch.float16)
save('lstm1_bf16.safetensors', Tagger(nn.LSTM(3, 4)), seed=5, dtype=torch.bfloat16)
save('gru1.pt', Tagger(nn.GRU(3, 4)), seed=6)
# stacks and both directions
save('lstm2bi.pt', Tagger(nn.LSTM(3, 4, num_layers=2, bidirectional=True)), seed=7)
save('gru2bi.safetensors', Tagger(nn.GRU(3, 4, num_layers=2, bidirectional=True)), seed=8)
save('rnn3_relu.pt', Tagger(nn.RNN(3, 4, num_layers=3, nonlinearity='relu')), seed=9)
save('gru2_nobias.pt', Tagger(nn.GRU(3, 4, num_layers=2, bias=False)), seed=10)

# strided and offset views of one shared storage, as PyTorch writes them
base = torch.randn(80)
rnn = nn.RNN(3, 4)
with torch.no_grad():
    rnn.weight_hh_l0.copy_(base[5:21].view(4, 4).t())
    rnn.weight_ih_l0.copy_(base[21:33].view(3, 4).t())
    rnn.bias_ih_l0.copy_(base[40:44])
    rnn.bias_hh_l0.copy_(base[50:58:2])
views = collections.OrderedDict([('weight_ih_l0', base[21:33].view(3, 4).t()),
                                 ('weight_hh_l0', base[5:21].view(4, 4).t()),
                                 ('bias_ih_l0', base[40:44]), ('bias_hh_l0', base[50:58:2])])
assert views['weight_hh_l0'].stride() == (1, 4) and views['bias_hh_l0'].storage_offset() == 50
torch.save(views, path('strided.pt'))
refs['strided.pt'] = reference(rnn, rnn.state_dict(), '', 6, 11)


class TwoModules(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(3, 4)
        self.decoder = nn.GRU(4, 5)


torch.save(TwoModules().state_dict(), path('two_modules.pt'))

# vocabularies for lstm1.pt's 12-row embedding, in the three accepted forms
words = ['<pad>', '<unk>', 'the', 'keys', 'key', 'to', 'cabinet', 'by', 'door', 'on', 'are', 'is']
with open(path('vocab.json'), 'w') as f:
    json.dump(words, f)
with open(path('vocab_object.json'), 'w') as f:
    json.dump({w: i for i, w in enumerate(words)}, f)
with open(path('vocab.txt'), 'w') as f:
    f.write('\n'.join(w for w in words if w != '<unk>') + '\n')
with open(path('vocab_too_big.json'), 'w') as f:
    json.dump(words + ['left', 'right'], f)

# hostile and broken files: nothing here may ever run
class Whole(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 4)


torch.save(Whole(), path('whole_model.pt'))


def zip_with_pickle(name, payload):
    with zipfile.ZipFile(path(name), 'w', zipfile.ZIP_STORED) as z:
        stem = name.split('.')[0]
        z.writestr(stem + '/data.pkl', payload)
        z.writestr(stem + '/byteorder', 'little')
        z.writestr(stem + '/version', '3\n')


MARK = '/tmp/vanish-import-fixture-was-executed'
zip_with_pickle('os_system.pt', b"cos\nsystem\n(S'touch " + MARK.encode() + b"'\ntR.")


class Evil:
    def __reduce__(self):
        return (os.system, ('touch ' + MARK,))


zip_with_pickle('stack_global.pt', pickle.dumps(collections.OrderedDict([('x', Evil())]), protocol=4))
with open(path('lstm1.pt'), 'rb') as f:
    whole = f.read()
with open(path('truncated.pt'), 'wb') as f:
    f.write(whole[:len(whole) // 2])
with open(path('not_a_zip.pt'), 'w') as f:
    f.write('this is a text file, not a checkpoint\n')
torch.save(nn.Linear(3, 4).state_dict(), path('no_module.pt'))
bad = nn.LSTM(3, 4).state_dict()
bad['bias_hh_l0'] = torch.zeros(12)
torch.save(bad, path('contradictory.pt'))

# the embedding named as PyTorch's word-language-model example names it ("encoder"), its head "decoder": found by
# its shape and its lack of a bias (its own seed, so the files above do not depend on it)
class WordModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Embedding(12, 3)
        self.rnn = nn.GRU(3, 4)
        self.decoder = nn.Linear(4, 12)


torch.manual_seed(468)
save('encoder_named.pt', WordModel(), seed=12)

with open(path('reference.json'), 'w') as f:
    json.dump({'generator': 'make_fixtures.py, torch ' + torch.__version__, 'models': refs}, f, indent=1)
print('wrote', len(refs), 'references')
