#!/usr/bin/env python3
"""Writes presets/keys-trained-lstm.json and keys-trained-gru.json from the trained models in this folder.

    mvn -q package -DskipTests && python3 models/make_presets.py

Each is `vanish import MODEL --vocab agreement-vocab.json --output 1` (the readout is the head's "grammatical"
logit), given a name, a description, the words demonstration as its view, and a second run: the same architecture
untrained (PyTorch's initialisation), for comparison on the same words.
"""
import json
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TEXT = {
    'lstm': ('A trained two-layer LSTM reads "The keys to the cabinet by the door on the left are"',
             'LSTM', 'lstm'),
    'gru': ('A trained two-layer GRU reads "The keys to the cabinet by the door on the left are"',
            'GRU (PyTorch\'s form)', 'gru'),
}

for cell, (name, long_name, cell_id) in TEXT.items():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'p.json')
        subprocess.run(['java', '-jar', os.path.join(ROOT, 'target', 'vanish.jar'), 'import',
                        os.path.join(HERE, 'agreement-%s.pt' % cell), '--vocab',
                        os.path.join(HERE, 'agreement-vocab.json'), '--output', '1', '--out', out], check=True)
        with open(out) as f:
            p = json.load(f)
    p['name'] = name
    p['description'] = (
        'A real trained network, not a random one: a two-layer ' + long_name + ' with a 16-dimensional word'
        ' embedding and 32 units a layer, trained in PyTorch to judge number agreement in sentences like this one'
        ' (a toy version of the grammaticality task of Linzen, Dupoux & Goldberg 2016; it judges every held-out'
        ' sentence right, with up to four attractors between subject and verb). The words go through its own'
        ' embedding and the readout is its "grammatical" output, so each point is log10 ‖∂ logit/∂x_t‖: how much the'
        ' judgement made at "are" still depends on each word. Beside it, the same architecture untrained'
        ' (PyTorch\'s initialisation). Drag the W scale to push the trained network towards vanishing or exploding.'
        ' Regenerate with models/train_agreement.py and models/make_presets.py.')
    p['view'] = 'words'
    p['demo'] = {'subject': 2}
    run = p['runs'][0]
    run['label'] = cell + ' trained'
    untrained = {'label': cell + ' untrained', 'cell': cell_id, 'layers': 2, 'hiddenSize': run['hiddenSize'],
                 'init': 'pytorch', 'seed': 2016}
    if cell == 'gru':
        untrained['gruVariant'] = 'pytorch'
    p['runs'].append(untrained)
    # one line per top-level field and per run: readable, without a line per number
    fields = ['  %s: %s' % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in p.items() if k != 'runs']
    runs = ',\n'.join('    ' + json.dumps(r, ensure_ascii=False) for r in p['runs'])
    with open(os.path.join(ROOT, 'presets', 'keys-trained-%s.json' % cell), 'w') as f:
        f.write('{\n' + ',\n'.join(fields) + ',\n  "runs": [\n' + runs + '\n  ]\n}\n')
    print('wrote presets/keys-trained-%s.json' % cell)
