"""`make audit` (part of `make test`): pip-audit over both Python environments.

The project's environment (.venv) and the engine's (.venv-rasa, Rasa 3.6 on Python 3.10)
are audited as installed. Any known vulnerability fails, unless it is listed in
requirements/audit-ignore.yml with a reason (a conscious decision, reviewed at each
release). A package the vulnerability service could not answer for is reported;
with `--strict` (or VOORDEUR_AUDIT_STRICT=1) that fails too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "requirements" / "audit-ignore.yml"
ENVIRONMENTS = {"project (.venv)": ROOT / ".venv", "engine (.venv-rasa)": ROOT / ".venv-rasa"}


class IgnoreFileError(ValueError):
    pass


@dataclass(frozen=True)
class Finding:
    environment: str
    package: str
    version: str
    vulnerability: str
    fix: str


def load_ignored(path: Path = IGNORE_FILE) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    ignored: dict[str, str] = {}
    for number, entry in enumerate(data.get("ignore") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise IgnoreFileError(f"{path.name}: entry {number} has no id")
        if not str(entry.get("reason") or "").strip():
            raise IgnoreFileError(f"{path.name}: {entry['id']} is ignored without a reason")
        ignored[str(entry["id"])] = str(entry["reason"])
    return ignored


def findings(environment: str, report: dict[str, Any]) -> tuple[list[Finding], list[str]]:
    """Vulnerabilities and unaudited packages in one pip-audit JSON report."""
    found: list[Finding] = []
    skipped: list[str] = []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(dependency["name"])
            continue
        for vulnerability in dependency.get("vulns", []):
            found.append(
                Finding(
                    environment,
                    dependency["name"],
                    dependency.get("version", "?"),
                    vulnerability["id"],
                    ", ".join(vulnerability.get("fix_versions") or []) or "no fix yet",
                )
            )
    return found, skipped


def is_ignored(finding: Finding, report: dict[str, Any], ignored: dict[str, str]) -> bool:
    for dependency in report.get("dependencies", []):
        for vulnerability in dependency.get("vulns", []):
            if vulnerability["id"] == finding.vulnerability:
                ids = {vulnerability["id"], *(vulnerability.get("aliases") or [])}
                return bool(ids & ignored.keys())
    return finding.vulnerability in ignored


def audit(python: Path) -> dict[str, Any]:
    env = dict(os.environ)
    # pip-audit runs from the project's environment and reads the other one's packages.
    env["PIPAPI_PYTHON_LOCATION"] = str(python)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "audit.json"
        subprocess.run(  # noqa: S603 - our own tool, fixed arguments
            [
                str(ROOT / ".venv" / "bin" / "pip-audit"),
                "--progress-spinner",
                "off",
                "--desc",
                "off",
                "--skip-editable",
                "--format",
                "json",
                "--output",
                str(output),
            ],
            env=env,
            check=False,
            capture_output=True,
        )
        if not output.exists():
            raise RuntimeError(f"pip-audit gave no report for {python}")
        return json.loads(output.read_text(encoding="utf-8"))


def decide(
    reports: dict[str, dict[str, Any]], ignored: dict[str, str], strict: bool
) -> tuple[int, list[str]]:
    lines: list[str] = []
    failed = False
    for environment, report in reports.items():
        found, skipped = findings(environment, report)
        audited = len(report.get("dependencies", [])) - len(skipped)
        lines.append(
            f"{environment}: {audited} packages audited, {len(found)} known vulnerabilities"
        )
        for finding in found:
            if is_ignored(finding, report, ignored):
                lines.append(
                    f"  ignored  {finding.package} {finding.version} {finding.vulnerability}"
                )
            else:
                failed = True
                lines.append(
                    f"  FAIL     {finding.package} {finding.version} {finding.vulnerability}"
                    f" (fixed in: {finding.fix})"
                )
        if skipped:
            lines.append(
                f"  {'FAIL' if strict else 'warning'}: {len(skipped)} packages could not be "
                "audited (the vulnerability service did not answer for them)"
            )
            failed = failed or strict
    if failed:
        lines.append(
            "Upgrade the package, or, if it cannot harm Voordeur, list the id with a reason "
            f"in {IGNORE_FILE.relative_to(ROOT)}."
        )
    return (1 if failed else 0), lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/audit.py")
    parser.add_argument(
        "--strict", action="store_true", default=bool(os.environ.get("VOORDEUR_AUDIT_STRICT"))
    )
    args = parser.parse_args(argv)
    try:
        ignored = load_ignored()
    except IgnoreFileError as error:
        print(f"audit: {error}", file=sys.stderr)
        return 1
    reports = {
        name: audit(venv / "bin" / "python")
        for name, venv in ENVIRONMENTS.items()
        if (venv / "bin" / "python").exists()
    }
    code, lines = decide(reports, ignored, args.strict)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
