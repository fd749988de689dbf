"""The event tagger's network: the entity tagger's encoder plus embeddings of the event columns."""

from __future__ import annotations

import torch
from torch import nn

from pipelines.text import event_model as M
from pipelines.text import features as F
from pipelines.training.network import ConvTagger


class EventTagger(ConvTagger):
    """ConvTagger reading three more columns (see `event_model`): trigger distance, event type, mention.

    They are added in channel space before the convolutions, like the word and name features, so every
    layer sees which trigger (and of which type) the arguments are wanted for.
    """

    def __init__(self, sizes: dict, head_tags: list[int], config: dict):
        super().__init__(sizes, head_tags, config)
        channels = config["channels"]
        self.distance = nn.Embedding(2 * M.DISTANCE_BUCKETS + 2, channels)
        self.event_type = nn.Embedding(len(M.event_types()) + 1, channels)
        self.mention = nn.Embedding(2 * len(M.MENTION_TYPES) + 1, channels)
        # `late_fusion`: the trigger's distance and type (and the mention) again right before the heads, so
        # the role of a character far from the trigger is not read through five convolutions of neighbours
        self.late = config.get("late_fusion", False)
        # models trained before `word_class` existed read six shared columns; `lstm` (see ConvTagger) is
        # read after the late fusion, so the recurrent layer sees which trigger is marked
        self.use_word_class = config.get("word_class", False)
        # five residual layers leave activations far larger than an LSTM's gates take (without the norm
        # they saturate and nothing is learnt in two epochs)
        self.norm = nn.LayerNorm(channels) if self.lstm is not None else None
        if self.late:
            self.late_distance = nn.Embedding(2 * M.DISTANCE_BUCKETS + 2, channels)
            self.late_type = nn.Embedding(len(M.event_types()) + 1, channels)
            self.late_mention = nn.Embedding(2 * len(M.MENTION_TYPES) + 1, channels)
            self.late_mix = nn.Linear(channels, channels)

    def forward(self, features: torch.Tensor) -> tuple[torch.Tensor, ...]:
        base = len(F.FEATURE_NAMES)
        lexical = torch.cat(
            [self.char(features[:, :, 0]), self.bigram(features[:, :, 1]), self.bigram(features[:, :, 2])],
            dim=-1,
        )
        x = self.project(self.dropout(lexical))
        x = x + self.position(features[:, :, 3]) + self.word(features[:, :, 4]) + self.name(features[:, :, 5])
        x = x + self.distance(features[:, :, base]) + self.event_type(features[:, :, base + 1])
        x = x + self.mention(features[:, :, base + 2])
        if self.use_word_class:
            x = x + self.word_class(features[:, :, 6])
        x = torch.relu(x).transpose(1, 2)
        for layer in self.layers:
            x = x + torch.relu(layer(self.dropout(x)))
        x = x.transpose(1, 2)
        if self.late:
            marked = self.late_distance(features[:, :, base]) + self.late_type(features[:, :, base + 1])
            marked = marked + self.late_mention(features[:, :, base + 2])
            x = x + torch.relu(self.late_mix(x + marked))
        x = self.dropout(x)
        if self.lstm is not None:
            x = self.dropout(self.lstm(self.norm(x))[0])
        return tuple(head(x) for head in self.heads)
