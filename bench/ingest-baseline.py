#!/usr/bin/env python3
"""Baseline for bench/ingest.ts: what b4 does to read an mbox, on the same file.

Gunzips the mbox into a temporary directory, opens it with mailbox.mbox, parses every message
with email.message_from_bytes(policy=default), reads the headers kreview keeps and decodes the
body (get_body/get_content), as b4 does. Prints one JSON line: messages, seconds, peak RSS.
"""

import email
import email.policy
import gzip
import json
import mailbox
import os
import resource
import shutil
import sys
import tempfile
import time

HEADERS = ("message-id", "in-reply-to", "references", "from", "to", "cc", "date", "subject")


def read(path: str) -> int:
    count = 0
    box = mailbox.mbox(path, factory=None, create=False)
    for key in box.iterkeys():
        raw = box.get_bytes(key)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        for name in HEADERS:
            try:
                value = msg.get(name)
                if value is not None:
                    str(value)
            except (AttributeError, ValueError, IndexError, TypeError):
                # email's header registry raises on some malformed real-world headers; b4 catches too.
                pass
        body = msg.get_body(preferencelist=("plain",))
        if body is not None:
            try:
                body.get_content()
            except (LookupError, ValueError):
                pass
        count += 1
    box.close()
    return count


def main() -> None:
    source = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="kreview-bench-") as tmp:
        plain = os.path.join(tmp, "corpus.mbox")
        with gzip.open(source, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
        start = time.perf_counter()
        count = read(plain)
        seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"messages": count, "seconds": seconds, "peakRssKiB": peak_kib}))


if __name__ == "__main__":
    main()
