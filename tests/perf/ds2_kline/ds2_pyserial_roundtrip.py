"""DS2 ping round trips as a stock client sees them: pyserial (Debian's python3-serial) against a
running `bcmhil serve`, over the pty (9600 8N1: a pty has no parity bit) or rfc2217:// (8E1).
Round trip = write of the 4-byte request until the last byte of the 4-byte answer is read (after
the echo of the request, which the server reflects at once). The answer is paced at wire time,
4 x 11/9600 s = 4.58 ms; the rest is the transport, the simulation and the client.
  bcmhil serve scenarios/healthy-hatch.yaml --kline /tmp/k --forever --response-ms 0 &
  bcmhil serve scenarios/healthy-hatch.yaml --kline rfc2217://127.0.0.1:0 --forever --response-ms 0 &
  /usr/bin/python3 tests/perf/ds2_kline/ds2_pyserial_roundtrip.py /tmp/k N 1000
  /usr/bin/python3 tests/perf/ds2_kline/ds2_pyserial_roundtrip.py rfc2217://127.0.0.1:PORT E 1000
"""
import sys
import time

import serial

url, parity, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
PING = bytes([0x00, 0x04, 0x9E, 0x9A])
ANSWER = bytes([0x00, 0x04, 0xA0, 0xA4])
times, lost = [], 0
with serial.serial_for_url(url, baudrate=9600, parity=parity, timeout=0.5) as port:
    for _ in range(count):
        t0 = time.perf_counter()
        port.write(PING)
        got = port.read(8)
        t1 = time.perf_counter()
        if got != PING + ANSWER:
            lost += 1
            port.reset_input_buffer()
            continue
        times.append((t1 - t0) * 1000)
times.sort()
pct = lambda p: times[min(len(times) - 1, int(p * (len(times) - 1) + 0.5))] if times else 0
print(f"{url} ({parity}): {count} pings, lost {lost}; round trip ms: min {times[0]:.2f}, "
      f"p50 {pct(0.5):.2f}, p99 {pct(0.99):.2f}, max {times[-1]:.2f} (answer wire time 4.58)")
