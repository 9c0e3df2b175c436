"""channels' WebsocketCommunicator without daphne.

`channels.testing/__init__` imports its live-server test case, which needs daphne (not a
dependency of Vigie: uvicorn serves it). The communicator itself only needs asgiref, so the
package is registered here without running that __init__.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import channels

if "channels.testing" not in sys.modules:
    try:
        import daphne  # noqa: F401  # with daphne, the real package imports cleanly
    except ImportError:
        package = types.ModuleType("channels.testing")
        package.__path__ = [str(Path(channels.__file__).parent / "testing")]
        sys.modules["channels.testing"] = package

from channels.testing.websocket import WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]
