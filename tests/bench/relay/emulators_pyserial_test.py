#!/usr/bin/python3
"""`bcmhil relay emulate` driven by pyserial, unmodified, the way the client authors' scripts talk
to real boards (sources: bench/relay/relay_protocols.h):
  - LCUS: A0 01 01 A2 switches relay 1 on; the status query FF is answered in ASCII lines,
    "CH1: ON\\r\\nCH2: OFF\\r\\n" (a client that read after switching used to meet silence);
  - Numato: echo, "\\n\\r" line ends, '>' prompt; relay on / readall, gpio set / read.
Usage: emulators_pyserial_test.py PATH_TO_BCMHIL. Exit 0 when every answer is as the real board's."""
import os
import signal
import subprocess
import sys
import tempfile
import time

import serial  # pyserial (Debian python3-serial)


def emulate(cli, family, link, channels):
    proc = subprocess.Popen([cli, "relay", "emulate", "--family", family, "--link", link,
                             "--channels", str(channels)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while not os.path.exists(link):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise SystemExit(f"the {family} emulator did not make {link}")
        time.sleep(0.02)
    return proc


def stop(proc):
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=10)
    if proc.returncode != 0:
        raise SystemExit(f"emulator exit {proc.returncode}: {out.decode(errors='replace')}")


def expect(what, got, want):
    if got != want:
        raise SystemExit(f"{what}: got {got!r}, want {want!r}")
    print(f"ok  {what}: {got!r}")


def lcus(cli, folder):
    link = os.path.join(folder, "lcus")
    proc = emulate(cli, "lcus", link, 2)
    try:
        with serial.Serial(link, 9600, timeout=1) as port:
            port.write(bytes([0xA0, 0x01, 0x01, 0xA2]))
            port.write(b"\xff")
            expect("LCUS FF after relay 1 on, line 1", port.readline(), b"CH1: ON\r\n")
            expect("LCUS FF after relay 1 on, line 2", port.readline(), b"CH2: OFF\r\n")
    finally:
        stop(proc)


def numato(cli, folder):
    link = os.path.join(folder, "numato")
    proc = emulate(cli, "numato", link, 8)
    try:
        with serial.Serial(link, 9600, timeout=1) as port:
            def ask(line):
                port.write(line.encode() + b"\r")
                return port.read_until(b">")
            expect("relay on 1", ask("relay on 1"), b"relay on 1\n\r>")
            expect("relay readall", ask("relay readall"), b"relay readall\n\r02\n\r>")
            expect("gpio set 4", ask("gpio set 4"), b"gpio set 4\n\r>")
            expect("gpio read 4", ask("gpio read 4"), b"gpio read 4\n\r1\n\r>")
            expect("ver", ask("ver"), b"ver\n\r00000008\n\r>")
    finally:
        stop(proc)


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="bcmhil-pyserial-") as folder:
        lcus(cli, folder)
        numato(cli, folder)


if __name__ == "__main__":
    main()
