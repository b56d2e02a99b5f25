"""The ids of every hosted thread the mirror has copied, kept beside the settings: a copied
thread missing from the store was deleted here by the user, and the next sync must not bring it
back while it still exists at OpenAI."""

import json
import logging
from pathlib import Path

from common.atomic_file import write_atomically

logger = logging.getLogger(__name__)

MIRRORED_IDS_FILE = "hosted-threads.json"


class MirroredIds:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> set[str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            # Lost, the record only lets a thread deleted here come back: worth a warning, not
            # a failed sync.
            logger.warning("Ignoring unreadable %s: %s", self.path, error)
            return set()
        if not isinstance(raw, list):
            logger.warning("Ignoring %s: not a list of thread ids", self.path)
            return set()
        return {thread_id for thread_id in raw if isinstance(thread_id, str)}

    def save(self, thread_ids: set[str]) -> None:
        write_atomically(self.path, json.dumps(sorted(thread_ids), indent=1) + "\n")
