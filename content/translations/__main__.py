"""`python -m content.translations <command>`: the catalogs of the resident's languages.

extract   write content/locale/voordeur.pot from the Dutch texts
update    extract, then merge into every language's .po (changed texts become fuzzy)
compile [language ...]
          compile each .po to the .mo the assistant reads
check [language ...]
          report missing, outdated or broken translations; exit 1 on any (make test)
"""

from __future__ import annotations

import sys
from collections import Counter

from babel.messages.catalog import Catalog

from content.translations.catalog import (
    LOCALE_DIR,
    TRANSLATED,
    compile_catalog,
    po_path,
    read_catalog,
    template,
    write_catalog,
)
from content.translations.check import check

TEMPLATE = LOCALE_DIR / "voordeur.pot"


def extract() -> Catalog:
    source = template()
    write_catalog(source, TEMPLATE)
    print(f"{TEMPLATE.relative_to(LOCALE_DIR.parent.parent)}: {len(source)} texts")
    return source


def update() -> None:
    source = extract()
    for language in TRANSLATED:
        path = po_path(language)
        if path.exists():
            catalog = read_catalog(path, language)
            catalog.update(source, no_fuzzy_matching=False)
        else:
            catalog = Catalog(
                locale=language, domain=source.domain, project=source.project, fuzzy=False
            )
            for message in source:
                if message.id:
                    catalog.add(message.id, "", context=message.context)
        write_catalog(catalog, path)
        print(f"{path.relative_to(LOCALE_DIR.parent.parent)} updated")


def report(languages: tuple[str, ...] = TRANSLATED) -> int:
    problems = check(languages)
    for problem in problems:
        print(problem)
    kinds = Counter(f"{p.language} {p.kind}" for p in problems)
    total = len([message for message in template() if message.id])
    if problems:
        print(
            f"{len(problems)} problems over {total} texts: "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        )
        print("Run `python -m content.translations update` after changing Dutch texts,")
        print("then translate the new and fuzzy entries in content/locale/<language>/.")
        return 1
    print(f"translations complete: {total} texts in {', '.join(TRANSLATED)}")
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        for language in argv[1:] or TRANSLATED:
            compile_catalog(language)
    elif command == "check":
        return report(tuple(argv[1:]) or TRANSLATED)
    else:
        print(__doc__)
        return 2
    return 0


sys.exit(main(sys.argv[1:]))
