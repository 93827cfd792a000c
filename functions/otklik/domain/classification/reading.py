"""A text read once for every section of the classifier: its tokens, the lemmas each token is looked up by, where
each lemma stands, and the work counted so far."""
from __future__ import annotations

from dataclasses import dataclass

from otklik.domain.classification.lexicon import category_keys
from otklik.domain.classification.tokens import content_tokens
from otklik.domain.classification.work import Work


@dataclass(frozen=True)
class ReadText:
    text: str
    tokens: list[str]
    keys: list[frozenset[str]]
    positions: dict[str, list[int]]  # lemma -> its positions, in order
    names: frozenset[int]  # positions of words in quotation marks naming a place: not the topic
    work: Work
    sentences: tuple[int, ...] = ()  # the sentence each token stands in
    questions: frozenset[int] = frozenset()  # the sentences that end with "?"
    quoted: frozenset[int] = frozenset()  # words in a quotation (more words than a name): not the writer's own

    def in_question(self, index: int) -> bool:
        return bool(self.sentences) and self.sentences[index] in self.questions

    def phrase_starts(self, words: tuple[str, ...]) -> list[int]:
        """Positions where the words of a phrase stand one after another: tried only where its first word is."""
        starts = self.positions.get(words[0], ())
        self.work.steps += len(starts)
        keys, last = self.keys, len(self.keys) - len(words)
        return [
            index
            for index in starts
            if index <= last and all(words[offset] in keys[index + offset] for offset in range(1, len(words)))
        ]

    def contains(self, words: tuple[str, ...]) -> bool:
        return bool(self.phrase_starts(words))


def read(text: str, work: Work) -> ReadText:
    read_tokens = content_tokens(text, work)
    tokens = read_tokens.words
    keys = [category_keys(token) for token in tokens]
    positions: dict[str, list[int]] = {}
    for index, token_keys in enumerate(keys):
        for key in token_keys:
            positions.setdefault(key, []).append(index)
    work.steps += 2 * len(tokens)
    return ReadText(text, tokens, keys, positions, read_tokens.names, work, read_tokens.sentences,
                    read_tokens.questions, read_tokens.quoted)
