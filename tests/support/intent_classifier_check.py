"""Runs inside the engine environment (.venv-rasa, Python 3.10), where Rasa can be imported.

tests/unit/test_intent_classifier.py starts this with the engine's Python and reads the
JSON it prints: what a classifier trained, stored, loaded back and asked again answers.
The project's own Python never imports Rasa.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.intent_classifier import NormalisedTfidfIntentClassifier
from rasa_ext.text import normalise

EXAMPLES = {
    "affirm": ["ja", "jazeker", "klopt", "ja hoor", "dat klopt", "jawel", "zeker", "ja graag"],
    "deny": [
        "nee",
        "nee hoor",
        "neen",
        "klopt niet",
        "nee dank je",
        "helemaal niet",
        "nooit",
        "nope",
    ],
    "pause": ["ik stop even", "later verder", "tot later", "ik ga nu", "pauze", "straks verder"],
}


def round_trip(asked: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        storage = LocalModelStorage(Path(folder))
        resource = Resource("intents")
        context = ExecutionContext(GraphSchema({}), "check")
        trained = NormalisedTfidfIntentClassifier.create({}, storage, resource, context)
        data = TrainingData(
            [Message.build(text=t, intent=i) for i, texts in EXAMPLES.items() for t in texts]
        )
        trained.train(data)
        loaded = NormalisedTfidfIntentClassifier.load({}, storage, resource, context)
        messages = [Message.build(text=t) for t in asked]
        loaded.process(messages)
        answers = {
            m.get("text"): {"intent": m.get("intent"), "ranking": m.get("intent_ranking")}
            for m in messages
        }

        # A stored file holding a type the component never makes is refused, not unpickled.
        import skops.io as sio
        from sklearn.preprocessing import FunctionTransformer

        with storage.write_to(resource) as directory:
            sio.dump(FunctionTransformer(normalise), directory / f"{resource.name}.skops")
        try:
            NormalisedTfidfIntentClassifier.load({}, storage, resource, context)
            refused = None
        except TypeError as problem:
            refused = str(problem)

        # A damaged file stops the engine: it is not read as "no model".
        with storage.write_to(resource) as directory:
            (directory / f"{resource.name}.skops").write_bytes(b"not a model")
        try:
            NormalisedTfidfIntentClassifier.load({}, storage, resource, context)
            damaged = None
        except RuntimeError as problem:
            damaged = str(problem)

        # Without any stored model every message still gets an intent field (no intent).
        empty = NormalisedTfidfIntentClassifier.load(
            {}, storage, Resource("never-trained"), context
        )
        bare = Message.build(text="ja")
        empty.process([bare])
    return {
        "answers": answers,
        "refused": refused,
        "damaged": damaged,
        "untrained": bare.get("intent"),
    }


def concepts() -> dict:
    """What the concept counter makes of a few messages, and of the project's lists."""
    from rasa_ext.concepts import ConceptCounts, read_lexicon

    counter = ConceptCounts({"dying": ["dood", "zelfmoord*"], "no": ["nee", "niet", "nooit"]})
    counter.fit()
    texts = ["ik wil dood", "zelfmoordgedachten", "nee niet nooit nee nee", "zelf", ""]
    rows = counter.transform([normalise(t) for t in texts]).toarray().tolist()
    lexicon = read_lexicon(Path(__file__).resolve().parents[2] / "bot" / "lexicon")
    project = ConceptCounts(lexicon).fit()
    names = project.concepts_
    seen = project.transform([normalise("Mijn man SLAAT me, ik ben bang")]).toarray()[0]
    return {
        "names": counter.concepts_,
        "rows": dict(zip(texts, rows, strict=True)),
        "project_concepts": len(names),
        "violence": float(seen[names.index("violence")]),
        "food": float(seen[names.index("food")]),
        "pairs": pairs(),
        "negated": negated(),
    }


def pairs() -> dict:
    """Which pair columns a few messages light up, for three small concepts."""
    from rasa_ext.concepts import ConceptPairs

    three = {"child": ["kind*"], "missing": ["kwijt", "zoek"], "no": ["niet"]}
    counter = ConceptPairs(three).fit()
    texts = ["mijn kind is zoek", "kind kwijt en niet te vinden", "mijn kind", ""]
    rows = counter.transform([normalise(t) for t in texts]).toarray().tolist()
    return {"width": len(rows[0]), "rows": dict(zip(texts, rows, strict=True))}


def negated() -> dict:
    """The words a negation reaches, and what the feature makes of them."""
    from rasa_ext.negation import NegatedWords

    words = NegatedWords({"no": ["niet", "geen", "nooit", "nie*"]})
    texts = ["het gaat niet zo goed", "goed", "geen zorgen, nooit problemen", "niet"]
    words.fit([normalise(t) for t in texts])
    matrix = words.transform([normalise(t) for t in texts])
    return {
        "negated": {t: words.negated(normalise(t)) for t in texts},
        "features": sorted(words.vectoriser_.vocabulary_),
        "nonzero": [int(n) for n in matrix.getnnz(axis=1)],
    }


if __name__ == "__main__":
    request = json.loads(sys.stdin.read())
    print(json.dumps({**round_trip(request["ask"]), "concepts": concepts()}))
