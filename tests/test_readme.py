"""The README's table of checks is generated from the registry and must stay in sync."""
import os
import re

from audit.cli.checks import markdown_table
from audit.checks.registry import all_checks

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_readme_check_table_in_sync():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- checks:start -->\n(.*?)<!-- checks:end -->", readme, re.S)
    assert m, "README lacks the checks table markers"
    expected = markdown_table(all_checks())
    assert m.group(1) == expected, "README check table out of date: run scripts/update_readme.py"


def test_every_command_is_documented_in_the_readme():
    from audit.cli import COMMANDS

    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    missing = [c for c in COMMANDS if f"transaudit {c}" not in readme]
    assert not missing, f"commands not in the README: {missing}"


def test_ci_runs_the_readme_test_command():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    ci = open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_cmd = blocks[1].strip()
    assert test_cmd in ci
