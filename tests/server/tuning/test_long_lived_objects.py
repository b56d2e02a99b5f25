"""Freezing leaves what was loaded out of later full collections. Run in a process of its own:
frozen objects stay frozen, and the test run's own garbage must not be among them."""

import json
import subprocess
import sys

CHECK = """
import gc
import json
import server.store
from server.tuning.long_lived_objects import freeze_long_lived_objects

before = len(gc.get_objects())
freeze_long_lived_objects()
print(json.dumps({"walked_before": before, "frozen": gc.get_freeze_count(),
                  "walked_after": len(gc.get_objects())}))
"""


def test_a_full_collection_no_longer_walks_what_was_loaded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    )
    counts = json.loads(result.stdout)
    assert counts["walked_before"] > 10_000
    assert counts["frozen"] >= counts["walked_before"]
    assert counts["walked_after"] < 100
