"""Run as ``python -m tests.server.attachments.crash_server DATA_DIR``: a real local server,
printing ``{"url", "token"}`` as one JSON line once it answers, until killed."""

import asyncio
import json
import sys
from pathlib import Path

from server.http.local_server import LocalServer


def main(data_dir: Path) -> None:
    local = LocalServer(data_dir)

    def ready() -> None:
        print(json.dumps({"url": local.url, "token": local.token}), flush=True)

    asyncio.run(local.serve(on_ready=ready))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
