"""A download that fails part-way is cut off, so that no client takes it for a whole file.

Once the status line and the first bytes are out, an error can no longer become a 500.
Over HTTP/1.1 a streamed body is chunked, and a server that stops without the final chunk
already tells the client the transfer broke; but an HTTP/1.0 client, or a proxy that
speaks HTTP/1.0 to the app (nginx does by default), reads to the end of the connection,
and a server that closes it politely (FIN) makes a truncated file look complete. So on an
error the connection is reset (SO_LINGER 0, then close: the peer gets RST, never FIN),
and the error is raised on to the server, which logs it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
from collections.abc import Iterable, Iterator

log = logging.getLogger(__name__)
SOCKET_KEYS = ("gunicorn.socket", "werkzeug.socket")


def reset_connection(environ: dict) -> bool:
    """Abort the client's connection with a TCP reset; False when the server gives no socket."""
    sock = next((environ[k] for k in SOCKET_KEYS if k in environ), None)
    if not isinstance(sock, socket.socket):
        return False
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    return True


def cut_on_error(pieces: Iterable[bytes], environ: dict, name: str) -> Iterator[bytes]:
    """``pieces`` as they come; on an error, reset the connection and raise it on."""
    try:
        yield from pieces
    except GeneratorExit:
        raise
    except BaseException:
        log.exception("download %s failed part-way; the connection is reset", name)
        reset_connection(environ)
        raise
