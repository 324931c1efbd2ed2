"""The dependency audit's decision: a known vulnerability fails unless ignored with a reason."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from api.settings import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import audit


def report(*vulns: dict, skipped: int = 0) -> dict:
    dependencies = [
        {"name": "jinja2", "version": "3.1.2", "vulns": list(vulns)},
        {"name": "httpx", "version": "0.28.1", "vulns": []},
    ]
    dependencies += [{"name": f"p{i}", "skip_reason": "not found"} for i in range(skipped)]
    return {"dependencies": dependencies, "fixes": []}


CVE = {"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": ["CVE-2024-22195"]}


def test_a_known_vulnerability_fails_the_build() -> None:
    code, lines = audit.decide({"project": report(CVE)}, {}, strict=False)
    assert code == 1
    assert any("FAIL" in line and "jinja2 3.1.2 GHSA-h5c8-rqwp-cp95" in line for line in lines)


def test_an_ignored_vulnerability_passes_by_its_id_or_an_alias() -> None:
    for key in ("GHSA-h5c8-rqwp-cp95", "CVE-2024-22195"):
        code, lines = audit.decide({"project": report(CVE)}, {key: "xmlattr unused"}, False)
        assert code == 0
        assert any(line.strip().startswith("ignored") for line in lines)


def test_a_clean_environment_passes_and_unaudited_packages_are_reported() -> None:
    assert audit.decide({"engine": report()}, {}, strict=False)[0] == 0
    code, lines = audit.decide({"engine": report(skipped=3)}, {}, strict=False)
    assert code == 0 and any("3 packages could not be audited" in line for line in lines)
    assert audit.decide({"engine": report(skipped=3)}, {}, strict=True)[0] == 1


def test_an_ignore_without_a_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ignore.yml"
    path.write_text("ignore:\n  - id: GHSA-h5c8-rqwp-cp95\n    package: jinja2\n")
    with pytest.raises(audit.IgnoreFileError, match="without a reason"):
        audit.load_ignored(path)
    path.write_text('ignore:\n  - id: X-1\n    reason: "only in tests"\n')
    assert audit.load_ignored(path) == {"X-1": "only in tests"}


def test_the_repository_ignore_file_is_valid() -> None:
    audit.load_ignored()
