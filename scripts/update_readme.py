"""Regenerate the README's table of checks from the registry."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from audit.cli.checks import markdown_table  # noqa: E402
from audit.checks.registry import all_checks  # noqa: E402

path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")
text = open(path, encoding="utf-8").read()
new = re.sub(r"(<!-- checks:start -->\n).*?(<!-- checks:end -->)",
             lambda m: m.group(1) + markdown_table(all_checks()) + m.group(2), text, flags=re.S)
with open(path + ".tmp", "w", encoding="utf-8") as fh:
    fh.write(new)
os.replace(path + ".tmp", path)
