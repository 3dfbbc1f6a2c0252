#!/usr/bin/env python3
#
# ptydrive: runs a command on a pseudo-terminal of its own, as a person at
# a terminal would, for atf/terminal_test.  Steps come from the file named
# by -s, one a line:
#	send TEXT	types TEXT (Python string escapes: \n, \x03 for ^C)
#	wait REGEX	reads until the output matches REGEX (10 s at most)
#	sleep SECONDS	reads meanwhile
#	resize ROWS COLS	the terminal changes size
# After the command ends, it reads for -a SECONDS more (what a jail's
# process left behind would print), then prints the whole transcript, a
# line "ptydrive: pty NAME" (the terminal it ran on), a line
# "ptydrive: status N" (the command's exit status) and a line
# "ptydrive: termios same" or "... changed" (the terminal's settings after
# the command, against before it).

import argparse
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-s", required=True)
    ap.add_argument("-a", type=float, default=0.0)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    before = termios.tcgetattr(fd)
    TIOCGPTN = 0x80045430     # the pty's number (Linux)
    n = struct.unpack("I", fcntl.ioctl(fd, TIOCGPTN, b"\0" * 4))[0]
    out = bytearray()

    def read(seconds, pattern=None):
        end = time.time() + seconds
        while time.time() < end:
            if pattern and re.search(pattern, out.decode(errors="replace")):
                return True
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                continue
            try:
                d = os.read(fd, 4096)
            except OSError:
                return False
            if not d:
                return False
            out.extend(d)
        return pattern is None

    for line in open(a.s):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        verb, _, arg = line.partition(" ")
        if verb == "send":
            os.write(fd, arg.encode().decode("unicode_escape").encode())
        elif verb == "wait":
            if not read(10, arg):
                out.extend(b"\nptydrive: timed out waiting for " +
                           arg.encode() + b"\n")
        elif verb == "sleep":
            read(float(arg))
        elif verb == "resize":
            r, c = arg.split()
            fcntl.ioctl(fd, termios.TIOCSWINSZ,
                        struct.pack("HHHH", int(r), int(c), 0, 0))
        else:
            sys.exit("ptydrive: unknown step: " + line)
    # Until the command ends, then what is printed after it.
    status = None
    deadline = time.time() + 30
    while status is None and time.time() < deadline:
        read(0.1)
        p, st = os.waitpid(pid, os.WNOHANG)
        if p == pid:
            status = os.waitstatus_to_exitcode(st)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        status = "timeout"
    after = termios.tcgetattr(fd)
    read(a.a)
    sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
    print("\nptydrive: pty /dev/pts/%d" % n)
    print("ptydrive: status %s" % status)
    print("ptydrive: termios %s" % ("same" if after == before else
                                     "changed"))


main()
