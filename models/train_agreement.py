#!/usr/bin/env python3
"""Trains the small models Vanish ships: a two-layer LSTM and a two-layer GRU, each with a word embedding, that
judge number agreement in sentences like "the keys to the cabinet by the door on the left are" (a toy version of
the grammaticality task of Linzen, Dupoux & Goldberg 2016).

    python3 models/train_agreement.py        # needs PyTorch (Debian: apt-get install python3-torch); about a minute

Writes, next to this script: agreement-vocab.json (the vocabulary, a JSON list: row i of the embedding is token i),
agreement-lstm.pt and agreement-gru.pt (torch.save(model.state_dict())), and prints held-out accuracy by the
number of attractors (nouns of the other number between the subject and the verb). Seeded: a rerun on the same
torch build gives the same files.

A sentence is "the NOUN" (the subject, singular or plural), 0 to 4 phrases ("to the cabinet", "by the doors",
"on the left", ...), then "is" or "are". The model reads it to the end and its head says from h_n whether the verb
agrees with the subject: logit 1 = grammatical, logit 0 = not. Half the sentences are ungrammatical.
"""
import json
import os
import random

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
NOUNS = ['key', 'cabinet', 'door', 'writer', 'book', 'table', 'room', 'box', 'author', 'picture']
PLURAL = {'box': 'boxes'}
PREPS = ['to', 'by', 'on', 'of', 'near', 'in', 'under', 'with']
PLACES = ['left', 'right']
VOCAB = ['<pad>', '<unk>', 'the', 'is', 'are'] + PREPS + PLACES + [w for n in NOUNS for w in (n, PLURAL.get(n, n + 's'))]
INDEX = {w: i for i, w in enumerate(VOCAB)}
MAX_PHRASES = 4


def noun(rng, plural):
    n = rng.choice(NOUNS)
    return PLURAL.get(n, n + 's') if plural else n


def sentence(rng, phrases):
    """(tokens, grammatical, attractors)."""
    plural = rng.random() < 0.5
    words = ['the', noun(rng, plural)]
    attractors = 0
    for _ in range(phrases):
        prep = rng.choice(PREPS)
        if prep == 'on' and rng.random() < 0.5:
            words += ['on', 'the', rng.choice(PLACES)]
            continue
        other = rng.random() < 0.5
        attractors += other != plural
        words += [prep, 'the', noun(rng, other)]
    grammatical = rng.random() < 0.5
    verb_plural = plural if grammatical else not plural
    words.append('are' if verb_plural else 'is')
    return words, grammatical, attractors


def batch(rng, size, phrases):
    rows = [sentence(rng, phrases) for _ in range(size)]
    x = torch.tensor([[INDEX[w] for w in r[0]] for r in rows])
    y = torch.tensor([int(r[1]) for r in rows])
    return x, y, [r[2] for r in rows]


class Judge(nn.Module):
    def __init__(self, cell, embed=16, hidden=32, layers=2):
        super().__init__()
        self.embedding = nn.Embedding(len(VOCAB), embed)
        self.rnn = cell(embed, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, 2)

    def forward(self, x):
        _, state = self.rnn(self.embedding(x))
        h_n = state[0] if isinstance(state, tuple) else state
        return self.head(h_n[-1])


def train(cell, name, steps=1200, seed=2016):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = Judge(cell)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()
    for step in range(steps):
        x, y, _ = batch(rng, 64, rng.randint(0, MAX_PHRASES))
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (step + 1) % 300 == 0:
            print('%s step %d loss %.4f' % (name, step + 1, loss.item()))
    model.eval()
    test = random.Random(seed + 1)
    by_attractors = {}
    with torch.no_grad():
        for phrases in range(MAX_PHRASES + 1):
            x, y, att = batch(test, 2000, phrases)
            right = (model(x).argmax(1) == y).tolist()
            for a, ok in zip(att, right):
                by_attractors.setdefault(a, []).append(ok)
    print(name, 'held-out accuracy by attractors:',
          ', '.join('%d: %.3f (%d)' % (a, sum(v) / len(v), len(v)) for a, v in sorted(by_attractors.items())))
    torch.save(model.state_dict(), os.path.join(HERE, 'agreement-%s.pt' % name))
    return model


if __name__ == '__main__':
    torch.set_num_threads(1)
    with open(os.path.join(HERE, 'agreement-vocab.json'), 'w') as f:
        json.dump(VOCAB, f)
    train(nn.LSTM, 'lstm')
    train(nn.GRU, 'gru')
