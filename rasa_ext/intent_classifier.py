"""The intent classifier: normalised text, TF-IDF word and character n-grams, a linear model.

Why our own component rather than Rasa's CountVectorsFeaturizer + LogisticRegressionClassifier:
residents type in six languages and scripts, on a phone, with typos, stretched letters
("jaaaa"), missing accents ("zgadza sie", "bilmiyom") and Arabic written with or without
hamza. Rasa's featurizers give raw counts of exactly what was typed, so a message's many
character n-grams outweigh its few telling words, and "أ" is a different letter from "ا".
Here the text is first normalised (one letter form, no accents, no stretching), then
weighed with sublinear TF-IDF and L2 normalisation per message, so short and long
messages count alike. Beside the n-grams each message gets concept counts (bot/lexicon,
rasa_ext/concepts.py), so words never seen in an example still carry their meaning, the
pairs of concepts that occur together, and the words right after a negation
(rasa_ext/negation.py), so "niet goed" is learnt apart from "goed". The
linear model is trained with the modified Huber loss: on three 80/20 splits it read
better than Rasa's count features with logistic regression, than logistic regression and
than a calibrated linear SVM on these features (README, "NLU"), and, unlike a plain SVM,
it gives each intent a probability. Those probabilities are
sharp where the examples are clear and flat for text like nothing it has seen, which is
what the intake's confidence thresholds need (actions/intake/understand.py).

The fitted scikit-learn pipeline is stored with skops, and loaded only if it holds no
types beyond the ones this component makes.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.concepts import ConceptCounts, ConceptPairs, read_lexicon
from rasa_ext.negation import NegatedWords
from rasa_ext.text import normalise

logger = logging.getLogger(__name__)

PROJECT = Path(__file__).resolve().parent.parent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NormalisedTfidfIntentClassifier(IntentClassifier, GraphComponent):
    """Reads the message text itself: it needs no tokenizer or featurizer before it."""

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Word unigrams and bigrams: "dag dag" (going) is not "dag" (hello).
            "word_ngrams": [1, 2],
            # Character n-grams inside words carry typos and inflections to the right word.
            "char_ngrams": [1, 4],
            # Concept word lists (rasa_ext/concepts.py), relative to the project folder.
            "lexicon": "bot/lexicon",
            # How much the concept counts weigh beside the n-grams (0.4 to 0.8 read alike on
            # three splits; 1.0 and no concepts at all read worse).
            "concept_weight": 0.6,
            # Two concepts together ("no" and "good", "child" and "missing") and the words
            # right after a negation, each weighed beside the rest (three splits: Dutch
            # +0.010 with both; 0.2 to 0.6 for the pairs read alike).
            "pair_weight": 0.4,
            "negation_weight": 0.5,
            # Regularisation: smaller fits the examples more closely. With about 42,000
            # examples 5e-5 reads best (1e-4, 7e-5, 3e-5 and 2e-5 read worse); with half as
            # many, 1e-4 did.
            "alpha": 5e-5,
            "max_iter": 1000,
            "random_state": 7,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._pipeline: Any = None  # the fitted scikit-learn pipeline, once trained or loaded

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalisedTfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def _new_pipeline(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.pipeline import FeatureUnion, Pipeline

        words = TfidfVectorizer(
            analyzer="word",
            ngram_range=tuple(self.config["word_ngrams"]),
            # One-letter words count: "k wil dood", "a".
            token_pattern=r"(?u)\b\w+\b",  # noqa: S106 - a regex, not a password
            sublinear_tf=True,
        )
        characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=tuple(self.config["char_ngrams"]), sublinear_tf=True
        )
        parts: list[tuple[str, Any]] = [("words", words), ("characters", characters)]
        weights = {"words": 1.0, "characters": 1.0}
        folder = PROJECT / self.config["lexicon"]
        lexicon = read_lexicon(folder)
        if lexicon:
            parts += [
                ("concepts", ConceptCounts(lexicon)),
                ("pairs", ConceptPairs(lexicon)),
                ("negated", NegatedWords(lexicon)),
            ]
            weights["concepts"] = self.config["concept_weight"]
            weights["pairs"] = self.config["pair_weight"]
            weights["negated"] = self.config["negation_weight"]
        else:
            logger.warning("No concept word lists in %s: the model learns words only.", folder)
        return Pipeline(
            [
                ("features", FeatureUnion(parts, transformer_weights=weights)),
                (
                    "classifier",
                    SGDClassifier(
                        loss="modified_huber",
                        alpha=self.config["alpha"],
                        max_iter=self.config["max_iter"],
                        random_state=self.config["random_state"],
                    ),
                ),
            ]
        )

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("Fewer than two intents with examples: nothing to train.")
            return self._resource
        self._pipeline = self._new_pipeline()
        self._pipeline.fit(
            [normalise(e.get(TEXT)) for e in examples], [e.get(INTENT) for e in examples]
        )
        self.persist()
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self._pipeline is None:
            # Without a model no intent is known; the fallback and the form still run.
            for message in messages:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
            return messages
        texts = [normalise(message.get(TEXT) or "") for message in messages]
        probabilities = self._pipeline.predict_proba(texts)
        names = self._pipeline.classes_
        for message, row in zip(messages, probabilities, strict=True):
            pairs = zip(names, row, strict=True)
            ranking = sorted(
                ({"name": str(name), "confidence": float(p)} for name, p in pairs),
                key=lambda entry: -entry["confidence"],
            )
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(
                INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True
            )
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def _file(self, directory: Any) -> Any:
        return directory / f"{self._resource.name}.skops"

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self._pipeline, self._file(directory))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NormalisedTfidfIntentClassifier:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                path = component._file(directory)
                if path.exists():
                    component._pipeline = _load_trusted(path)
                else:
                    logger.warning("No intent model in %s: every message gets no intent.", path)
        except ValueError as missing:
            # Rasa stores nothing for a classifier that had no intents to learn: no folder.
            logger.warning("No intent model stored (%s): every message gets no intent.", missing)
        return component


def _load_trusted(path: Any) -> Any:
    """The stored pipeline, or an error: a damaged file or a foreign type stops the engine
    rather than leaving residents with a model that understands nothing."""
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(file=path)
    except (ValueError, zipfile.BadZipFile) as damaged:
        raise RuntimeError(f"the stored intent model cannot be read: {damaged}") from damaged
    unexpected = sorted(set(untrusted) - TRUSTED_TYPES)
    if unexpected:
        # Never unpickle what this component did not make.
        raise TypeError(f"the stored intent model holds unexpected types: {unexpected}")
    return sio.load(path, trusted=untrusted)


# What the pipeline above is made of beyond what skops trusts by itself: the TF-IDF
# weights are kept as a sparse diagonal matrix, and the concept and negation features
# are our own.
TRUSTED_TYPES = {
    "scipy.sparse._csr.csr_matrix",
    "rasa_ext.concepts.ConceptCounts",
    "rasa_ext.concepts.ConceptPairs",
    "rasa_ext.negation.NegatedWords",
}
