#!/usr/bin/env python3
"""Drives a command through a pseudo-terminal, as a person at a keyboard.

    python3 tests/repl/pty_session.py STEPS -- COMMAND [ARGS...]

STEPS is a file of lines, one step each:

    send TEXT     type TEXT; \\t is Tab, \\r Enter, \\x03 Ctrl-C, \\x04 Ctrl-D
    expect TEXT   wait until TEXT appears in the output after the last match
    eof           wait for the command to exit

Escapes in TEXT: \\t \\r \\n \\\\ and \\xNN.  Lines starting with # are comments.
The transcript (output with terminal escape sequences removed, \\r\\n as \\n)
is printed at the end, followed by "[exit N]".  A step that waits longer
than the timeout (a hang, not a measurement) fails the run: the transcript
so far is printed with "[timeout: STEP]" and the status is 1.

The terminal is 120 columns by 40 lines, TERM=xterm, INPUTRC=/dev/null so
that a personal readline setup does not change what the test sees.
"""
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

TIMEOUT = 20.0  # seconds before a step counts as hung
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x07|\x08")


def unescape(text):
    out, i = bytearray(), 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i : i + 1]
        if c == b"\\" and i + 1 < len(raw):
            n = raw[i + 1 : i + 2]
            if n == b"x":
                out += bytes([int(raw[i + 2 : i + 4], 16)])
                i += 4
                continue
            out += {b"t": b"\t", b"r": b"\r", b"n": b"\n", b"\\": b"\\"}.get(n, b"\\" + n)
            i += 2
            continue
        out += c
        i += 1
    return bytes(out)


def clean(data):
    return ANSI.sub(b"", data).replace(b"\r\n", b"\n").replace(b"\r", b"").decode("utf-8", "replace")


def main():
    if "--" not in sys.argv or sys.argv.index("--") != 2:
        sys.stderr.write(__doc__)
        return 2
    steps = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
    cmd = sys.argv[3:]
    env = dict(os.environ, TERM="xterm", INPUTRC="/dev/null", COLUMNS="120", LINES="40")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    out = bytearray()
    mark = 0  # expect looks at the (clean) output after this point
    status = None

    def pump(wait):
        nonlocal status
        r, _, _ = select.select([fd], [], [], wait)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if data:
                out.extend(data)
                return True
        if status is None:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)
        return False

    def fail(step):
        while pump(0.2):
            pass
        sys.stdout.write(clean(bytes(out)))
        sys.stdout.write("\n[timeout: %s]\n" % step)
        return 1

    for step in steps:
        if not step or step.startswith("#"):
            continue
        verb, _, arg = step.partition(" ")
        if verb == "send":
            os.write(fd, unescape(arg))
        elif verb == "expect":
            deadline = time.monotonic() + TIMEOUT
            while True:
                text = clean(bytes(out))
                at = text.find(arg, mark)
                if at >= 0:
                    mark = at + len(arg)
                    break
                if time.monotonic() > deadline or (status is not None and not pump(0)):
                    return fail(step)
                pump(0.1)
        elif verb == "eof":
            deadline = time.monotonic() + TIMEOUT
            while status is None:
                if time.monotonic() > deadline:
                    return fail(step)
                pump(0.1)
            while pump(0):
                pass
        else:
            sys.stderr.write("unknown step: %s\n" % step)
            return 2
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        status = -9
    sys.stdout.write(clean(bytes(out)))
    sys.stdout.write("\n[exit %d]\n" % status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
