#!/usr/bin/python3
"""A student's browser, played by Debian's python3-websocket (websocket-client), unmodified.

usage: ws_client.py WS_URL TOKEN < script

Each line of the script is an op (a JSON object: sent, then its answer awaited) or a command:
  #wait STATE          wait for {"event": "session", "state": STATE}
  #sleep SECONDS       keep reading for this long
  #shell COMMAND       run a shell command (the test kills a child with it)
  #raw TEXT            send TEXT as it is (not JSON-checked), wait for an answer with id null or any
  #binary              send a binary frame, wait for its refusal
Every message received is printed on its own line, as received, prefixed "< "; every one sent
"> ". Exit 0 at the end of the script, 1 on a timeout (10 s per wait), 2 when the socket closes.
The token goes in the Authorization header, as a non-browser client sends it.
"""
import json
import subprocess
import sys
import time

import websocket


def main():
    url, token = sys.argv[1], sys.argv[2]
    ws = websocket.create_connection(url, header=["Authorization: Bearer " + token], timeout=10)

    def receive_until(done, seconds=10.0):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ws.settimeout(max(0.01, end - time.monotonic()))
            try:
                text = ws.recv()
            except websocket.WebSocketTimeoutException:
                break
            except (websocket.WebSocketConnectionClosedException, OSError) as e:
                # The server closed (e.g. 1009 for an op over the limit); answering its close
                # frame may find the socket already gone.
                print("# closed: %r" % e, flush=True)
                sys.exit(2)
            print("< " + text, flush=True)
            if done(json.loads(text)):
                return True
        return False

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        if line.startswith("#wait "):
            state = line.split(" ", 1)[1]
            if not receive_until(lambda m: m.get("event") == "session" and m.get("state") == state, 30):
                print("# timeout waiting for " + state, flush=True)
                sys.exit(1)
        elif line.startswith("#sleep "):
            receive_until(lambda m: False, float(line.split(" ", 1)[1]))
        elif line.startswith("#shell "):
            subprocess.run(line.split(" ", 1)[1], shell=True, check=False)
        elif line.startswith("#raw "):
            text = line.split(" ", 1)[1]
            print("> " + text, flush=True)
            ws.send(text)
            if not receive_until(lambda m: "ok" in m):
                sys.exit(1)
        elif line == "#binary":
            ws.send_binary(b"\x00\x01")
            if not receive_until(lambda m: "ok" in m):
                sys.exit(1)
        else:
            op = json.loads(line)
            print("> " + line, flush=True)
            ws.send(line)
            if not receive_until(lambda m: m.get("id") == op["id"] and "ok" in m, 60):
                print("# timeout waiting for the answer to id %s" % op["id"], flush=True)
                sys.exit(1)
    ws.close()


if __name__ == "__main__":
    main()
