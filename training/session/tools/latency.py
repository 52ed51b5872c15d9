#!/usr/bin/env python3
"""Answer latency of one `bcmhil train-session` child: N rounds of place, act (trunk button), read,
remove over its stdin/stdout pipes, each request timed from write to its answer line.
Usage: latency.py BCMHIL EXERCISE [ROUNDS]   (prints median, p99 and max in ms per op)"""
import json, subprocess, sys, tempfile, time, os

bcmhil, exercise = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 50
log = os.path.join(tempfile.mkdtemp(), "s.log")
child = subprocess.Popen([bcmhil, "train-session", "--exercise", exercise, "--seed", "3",
                          "--dictionary", "/nonexistent", "--log", log],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
times, next_id = {}, [0]

def ask(op, **fields):
    next_id[0] += 1
    request = dict(id=next_id[0], op=op, **fields)
    start = time.perf_counter()
    child.stdin.write(json.dumps(request) + "\n")
    child.stdin.flush()
    for line in child.stdout:
        answer = json.loads(line)
        if answer.get("id") == request["id"]:
            times.setdefault(op, []).append((time.perf_counter() - start) * 1000)
            return answer

ask("hello")
for _ in range(rounds):
    slot = ask("place", instrument="dvm", first="X330.4", second="ground")["slot"]
    ask("act", action="press_fob", button="trunk")
    time.sleep(0.05)
    ask("read", slot=slot)
    ask("remove", slot=slot)
child.stdin.close()
child.wait()
for op, t in times.items():
    t.sort()
    print(f"{op:7s} n={len(t):4d} median {t[len(t)//2]:6.2f} ms  p99 {t[min(len(t)-1, int(len(t)*0.99))]:6.2f} ms  max {t[-1]:6.2f} ms")
