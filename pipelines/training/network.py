"""The tagger network: character features -> dilated convolutions -> one linear CRF head per tag set."""

from __future__ import annotations

import torch
from torch import nn

from pipelines.text import features as F


class ConvTagger(nn.Module):
    """Embeddings of every feature column, a stack of dilated 1-D convolutions with residuals, heads.

    Sized for run time: the embeddings of characters and bigrams are projected once to `channels`, the
    small categorical features are added in that space, and each convolution is channels x channels x 3.
    """

    def __init__(self, sizes: dict, head_tags: list[int], config: dict):
        super().__init__()
        channels = config["channels"]
        self.char = nn.Embedding(sizes["chars"], config["char_dim"], padding_idx=F.PAD)
        self.bigram = nn.Embedding(sizes["bigrams"], config["bigram_dim"], padding_idx=F.PAD)
        self.project = nn.Linear(config["char_dim"] + 2 * config["bigram_dim"], channels)
        self.position = nn.Embedding(len(F.BMES), channels)
        self.word = nn.Embedding(F.WORD_CODES, channels)
        self.name = nn.Embedding(2, channels)
        self.word_class = nn.Embedding(F.WORD_CLASS_COUNT, channels)
        self.layers = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size=3, padding=d, dilation=d) for d in config["dilations"]
        )
        self.dropout = nn.Dropout(config["dropout"])
        # `lstm` (hidden units, 0 = none): a bidirectional LSTM over the convolutions' output, so a
        # character's tag can depend on the whole sentence, not only the convolutions' 27-character window
        hidden = config.get("lstm", 0)
        self.lstm = nn.LSTM(channels, hidden, batch_first=True, bidirectional=True) if hidden else None
        self.heads = nn.ModuleList(nn.Linear(2 * hidden if hidden else channels, k) for k in head_tags)

    def forward(self, features: torch.Tensor) -> tuple[torch.Tensor, ...]:
        lexical = torch.cat(
            [self.char(features[:, :, 0]), self.bigram(features[:, :, 1]), self.bigram(features[:, :, 2])],
            dim=-1,
        )
        x = self.project(self.dropout(lexical))
        x = x + self.position(features[:, :, 3]) + self.word(features[:, :, 4]) + self.name(features[:, :, 5])
        x = x + self.word_class(features[:, :, 6])
        x = torch.relu(x).transpose(1, 2)
        for layer in self.layers:
            x = x + torch.relu(layer(self.dropout(x)))
        x = self.dropout(x).transpose(1, 2)
        if self.lstm is not None:
            x = self.dropout(self.lstm(x)[0])
        return tuple(head(x) for head in self.heads)


class Crf(nn.Module):
    """Linear-chain CRF: transition scores and the negative log-likelihood of gold tag sequences."""

    def __init__(self, tags: int):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(tags, tags))
        self.start = nn.Parameter(torch.zeros(tags))
        self.end = nn.Parameter(torch.zeros(tags))

    def loss(self, scores: torch.Tensor, gold: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean over sequences; `mask` is 1 on real characters (every sequence has at least one)."""
        return (self._partition(scores, mask) - self._gold_score(scores, gold, mask)).mean()

    def _gold_score(self, scores, gold, mask):
        batch = torch.arange(scores.shape[0])
        total = self.start[gold[:, 0]] + scores[batch, 0, gold[:, 0]]
        for t in range(1, scores.shape[1]):
            step = self.transitions[gold[:, t - 1], gold[:, t]] + scores[batch, t, gold[:, t]]
            total = total + step * mask[:, t]
        last = gold[batch, mask.sum(1).long() - 1]
        return total + self.end[last]

    def _partition(self, scores, mask):
        alpha = self.start[None] + scores[:, 0]
        for t in range(1, scores.shape[1]):
            moved = torch.logsumexp(alpha[:, :, None] + self.transitions[None], dim=1) + scores[:, t]
            alpha = torch.where(mask[:, t, None].bool(), moved, alpha)
        return torch.logsumexp(alpha + self.end[None], dim=1)
