"""A stand-in machine translation engine for the tests: JSON in, JSON out.

Its first argument says how to behave: ``brackets`` answers ``[xx] <English>`` for
every message, except the first, which comes back as a heading, ``# [xx] <English>``
(which check refuses); ``fail`` exits 2; ``sleep`` never answers in time;
``garbage`` prints something that is not JSON.
"""

import json
import sys
import time

mode = sys.argv[1]
request = json.load(sys.stdin)
if mode == "fail":
    print("quota exceeded", file=sys.stderr)
    sys.exit(2)
if mode == "sleep":
    time.sleep(30)
if mode == "garbage":
    print("<html>Service unavailable</html>")
    sys.exit(0)
lang = request["target_language"]
translations = [{"id": m["id"], "text": f"[{lang}] {m['text']}"} for m in request["messages"]]
translations[0]["text"] = "# " + translations[0]["text"]
json.dump({"translations": translations}, sys.stdout, ensure_ascii=False)
