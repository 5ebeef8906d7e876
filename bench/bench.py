#!/usr/bin/env python3
"""bergtop's benchmark: start-up, input latency, idle cost, frame time, memory, and the
same check-in screen in Chromium for comparison. Prints tables of figures (median and
worst of several runs); nothing here passes or fails on a timing.

Usage: bench.py BERGTOP [--runs N] [--idle-seconds S] [--quick] [--out DIR]

BERGTOP should be a release build (bench/run.sh makes one in build-bench). Times come
from bergtop's own trace ($BERGTOP_TRACE, see src/platform/trace.h) and from this
script, both on CLOCK_MONOTONIC; CPU time, wake-ups and memory from /proc. The screen
is Xvfb's, whose framebuffer (-fbdir) this script reads directly to see when a screen
is complete, for bergtop and the browser alike.
"""
import argparse
import glob
import mmap
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def now_ns():
    return time.monotonic_ns()


def ms(ns):
    return ns / 1e6


def med_worst(values):
    if not values:
        return "-", "-"
    return statistics.median(values), max(values)


def pctl(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100 * (len(v) - 1)))))
    return v[k]


def fmt(v, unit=""):
    if isinstance(v, str):
        return v
    if v != v:  # nan
        return "-"
    if abs(v) >= 100:
        return f"{v:.0f}{unit}"
    if abs(v) >= 10:
        return f"{v:.1f}{unit}"
    return f"{v:.2f}{unit}"


def table(title, head, rows):
    print(f"\n## {title}\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    sys.stdout.flush()


# --- /proc ---

def proc_tree(pid):
    """pid and all its descendants (for the browser's many processes)."""
    kids = {}
    for st in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(st) as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rfind(")") + 2:].split()
        kids.setdefault(int(rest[1]), []).append(int(st.split("/")[2]))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def pss_kib(pids):
    """Proportional set size summed over PIDS: shared pages counted once in all, so
    a browser's many processes are not counted several times over."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cpu_s(pid):
    """user + system CPU seconds of the process (all its threads)."""
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    rest = s[s.rfind(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / CLK_TCK


def switches(pid):
    """Context switches of every thread: each voluntary one is a sleep that ended,
    i.e. a wake-up."""
    vol = invol = 0
    for st in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            with open(st) as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        vol += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        invol += int(line.split()[1])
        except OSError:
            pass
    return vol, invol


# --- the X server and its framebuffer ---

class Screen:
    """Xvfb with its framebuffer in a file, read without any X call."""

    def __init__(self, w, h, tmp):
        self.w, self.h = w, h
        self.dir = tempfile.mkdtemp(dir=tmp, prefix="fb")
        for n in range(77, 120):
            if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
                break
        self.display = f":{n}"
        self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{w}x{h}x24",
                                      "-nolisten", "tcp", "-fbdir", self.dir],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = os.path.join(self.dir, "Xvfb_screen0")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if os.path.exists(f"/tmp/.X11-unix/X{n}") and os.path.exists(path):
                break
            time.sleep(0.05)
        else:
            raise SystemExit("Xvfb did not start")
        self.f = open(path, "rb")
        self.mm = mmap.mmap(self.f.fileno(), 0, access=mmap.ACCESS_READ)
        hdr = struct.unpack(">25I", self.mm[:100])
        header_size, ncolors, self.bpl = hdr[0], hdr[19], hdr[12]
        self.off = header_size + 12 * ncolors
        self.env = dict(os.environ, DISPLAY=self.display)

    def sample(self):
        """A coarse fingerprint of the screen: every 16th pixel of every 16th row."""
        rows = []
        for y in range(0, self.h, 16):
            a = self.off + y * self.bpl
            rows.append(self.mm[a:a + self.w * 4:64])
        return b"".join(rows)

    def xdotool(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def close(self):
        self.mm.close()
        self.f.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def watch_until_settled(screen, proc, seconds):
    """Samples the screen from now for SECONDS. Returns (ns of the first sample that
    equals the final screen, peak PSS of the process tree in KiB). The final screen
    is the one at the end; the time is when it first appeared complete."""
    samples = []
    peak = 0
    deadline = now_ns() + int(seconds * 1e9)
    last_rss = 0
    while now_ns() < deadline:
        t = now_ns()
        samples.append((t, screen.sample()))
        if t - last_rss > 50_000_000:  # memory every 50 ms, the screen every ms
            peak = max(peak, pss_kib(proc_tree(proc.pid)))
            last_rss = t
        time.sleep(0.001)
    final = samples[-1][1]
    first = None
    for t, s in samples:
        if s == final:
            if first is None:
                first = t
        else:
            first = None
    return first, peak


# --- bergtop's trace ---

def read_trace(path):
    frames, inputs = [], []
    try:
        with open(path) as f:
            for line in f:
                p = line.split()
                if p[:1] == ["frame"] and len(p) >= 4:
                    frames.append((int(p[1]), int(p[2]), p[3]))
                elif p[:1] == ["input"] and len(p) >= 4:
                    inputs.append((int(p[1]), int(p[2]), p[3]))
    except FileNotFoundError:
        pass
    return frames, inputs


class Bergtop:
    """bergtop in a window on SCREEN, traced."""

    def __init__(self, exe, screen, tmp, renderer, args=(), present=6):
        self.trace = tempfile.mktemp(dir=tmp, prefix="trace")
        self.data = tempfile.mkdtemp(dir=tmp, prefix="data")
        env = dict(screen.env, BERGTOP_TRACE=self.trace, SDL_RENDER_DRIVER=renderer,
                   LANGUAGE="nl")
        if renderer == "opengl":
            env["LIBGL_ALWAYS_SOFTWARE"] = "1"  # Mesa's llvmpipe: no GPU here
        # (with "software" bergtop itself keeps SDL from showing it through OpenGL)
        self.t_spawn = now_ns()
        # a window as big as the screen (Xvfb has no window manager to make one
        # fullscreen)
        self.proc = subprocess.Popen([exe, "--window", "--size", f"{screen.w}x{screen.h}",
                                      "--no-keypads", "--no-sound",
                                      "--present", str(present), "--data-dir", self.data, *args],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.screen = screen

    def frames(self):
        return read_trace(self.trace)[0]

    def wait_frames(self, n, timeout=30, what=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            f = self.frames()
            if what:
                f = [x for x in f if x[2] == what]
            if len(f) >= n:
                return f
            if self.proc.poll() is not None:
                raise SystemExit("bergtop stopped: " + self.proc.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.005)
        raise SystemExit(f"bergtop drew no {what or 'frame'} within {timeout} s")

    def key(self, *keys, delay_ms=0):
        self.screen.xdotool("key", "--delay", str(delay_ms), *keys)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.data, ignore_errors=True)
        with_trace = read_trace(self.trace)
        try:
            os.unlink(self.trace)
        except FileNotFoundError:
            pass
        return with_trace


# --- the measurements ---

def start_headless(exe, tmp, runs):
    """Process start to the first frame drawn by --render (no screen at all)."""
    out = []
    for _ in range(runs):
        trace = tempfile.mktemp(dir=tmp, prefix="trace")
        d = tempfile.mkdtemp(dir=tmp, prefix="render")
        t0 = now_ns()
        subprocess.run([exe, "--render", d, "--session", "1.1", "--size", "1920x1080"],
                       env=dict(os.environ, BERGTOP_TRACE=trace), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        frames, _ = read_trace(trace)
        out.append(ms(frames[0][1] - t0))
        os.unlink(trace)
        shutil.rmtree(d, ignore_errors=True)
    return out


def start_window(exe, screen, tmp, runs, renderer, settle_s):
    """Process start to the first present, and to the complete check-in on the
    screen (read from Xvfb's framebuffer); peak memory while it starts."""
    first, complete, rss, hwm = [], [], [], []
    for _ in range(runs):
        b = Bergtop(exe, screen, tmp, renderer, ["--session", "1.1"])
        t_complete, peak = watch_until_settled(screen, b.proc, settle_s)
        f = b.frames()
        first.append(ms(f[0][1] - b.t_spawn))
        complete.append(ms(t_complete - b.t_spawn) if t_complete else float("nan"))
        rss.append(peak / 1024)
        hwm.append(hwm_kib(b.proc.pid) / 1024)
        b.stop()
        time.sleep(0.3)
    return first, complete, rss, hwm


def browser(screen, tmp, runs, settle_s):
    """The same check-in as a static page in Chromium's kiosk mode."""
    exe = shutil.which("chromium")
    if not exe:
        return None
    page = os.path.join(HERE, "checkin", "index.html")
    complete, rss = [], []
    for _ in range(runs):
        prof = tempfile.mkdtemp(dir=tmp, prefix="chromium")
        t0 = now_ns()
        p = subprocess.Popen([exe, "--kiosk", "--no-first-run", "--no-default-browser-check",
                              "--disable-background-networking", "--disable-sync",
                              "--disable-component-update", "--no-sandbox",
                              "--password-store=basic", f"--user-data-dir={prof}",
                              f"--window-size={screen.w},{screen.h}", "--window-position=0,0",
                              "file://" + page],
                             env=screen.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        t_complete, peak = watch_until_settled(screen, p, settle_s)
        complete.append(ms(t_complete - t0) if t_complete else float("nan"))
        rss.append(peak / 1024)
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        shutil.rmtree(prof, ignore_errors=True)
        time.sleep(0.5)
    return complete, rss


def latency(exe, screen, tmp, renderer, presses):
    """Key taken by the main loop to the return of the present that shows it: the
    simulated keypad of seat 1 changes its answer (1, 2, 1, ...) on the check-in."""
    b = Bergtop(exe, screen, tmp, renderer, ["--session", "1.1"])
    b.wait_frames(1)
    time.sleep(0.5)
    b.key("Return")  # open the question
    time.sleep(0.5)
    for i in range(presses):
        b.key("1" if i % 2 == 0 else "2")
        time.sleep(0.12)
    time.sleep(0.5)
    frames, inputs = b.stop()
    lat = []
    for _, taken, _ in inputs[1:]:  # not the Enter
        after = [f for f in frames if f[0] >= taken]
        if after:
            lat.append(ms(after[0][1] - taken))
    return lat, len(inputs) - 1


def idle(exe, screen, tmp, renderer, seconds, session, keys, what):
    """CPU time, wake-ups and frames over SECONDS once KEYS (with pauses) brought
    bergtop to WHAT (session None: the menu). Returns a dict of figures."""
    b = Bergtop(exe, screen, tmp, renderer, ["--session", session] if session else [])
    b.wait_frames(1)
    time.sleep(0.5)
    for k in keys:
        b.key(k)
        time.sleep(0.3)
    if what:
        b.wait_frames(1, what=what)
    time.sleep(0.5)
    pid = b.proc.pid
    c0, (v0, i0), t0 = cpu_s(pid), switches(pid), now_ns()
    time.sleep(seconds)
    c1, (v1, i1), t1 = cpu_s(pid), switches(pid), now_ns()
    frames, _ = b.stop()
    dur = (t1 - t0) / 1e9
    in_win = [f for f in frames if t0 <= f[0] and f[1] <= t1]
    ft = [ms(f[1] - f[0]) for f in in_win]
    return {
        "cpu_pct": 100 * (c1 - c0) / dur,
        "wakeups": (v1 - v0) / dur,
        "switches": (v1 - v0 + i1 - i0) / dur,
        "fps": len(in_win) / dur,
        "frame_med": statistics.median(ft) if ft else float("nan"),
        "frame_max": max(ft) if ft else float("nan"),
        "seconds": dur,
    }


def frames_headless(exe, tmp, size):
    """Every scene of every bundled session drawn by --render, per type: first the
    frame a scene change costs (text and pictures made for the first time, TYPE),
    then five more of the same (TYPE:warm, what a vote or an animation step costs)."""
    trace = tempfile.mktemp(dir=tmp, prefix="trace")
    d = tempfile.mkdtemp(dir=tmp, prefix="render")
    subprocess.run([exe, "--render", d, "--size", size],
                   env=dict(os.environ, BERGTOP_TRACE=trace), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    frames, _ = read_trace(trace)
    os.unlink(trace)
    shutil.rmtree(d, ignore_errors=True)
    by = {}
    for t0, t1, what in frames:
        by.setdefault(what, []).append(ms(t1 - t0))
    return by


def frames_window(exe, screen, tmp, renderer, sessions):
    """Every scene of SESSIONS shown in the window (Right through them), per type;
    then, on each scene, the same frame drawn again (C twice: the clock off and on),
    which is what an animation or a vote costs."""
    cold, warm = {}, {}
    for sid, n in sessions:
        b = Bergtop(exe, screen, tmp, renderer, ["--session", sid])
        b.wait_frames(1)
        time.sleep(0.3)
        for _ in range(n):
            b.key("c", "c", "Right", delay_ms=150)
            time.sleep(0.15)
        frames, inputs = b.stop()
        # the keys go c, c, Right, c, c, Right, ...: the frame after a Right is a scene
        # change, after a c a redraw of the same scene
        for j, (_, taken, _) in enumerate(inputs):
            after = [f for f in frames if f[0] >= taken]
            if after:
                t0, t1, what = after[0]
                (cold if j % 3 == 2 else warm).setdefault(what, []).append(ms(t1 - t0))
    return cold, warm


def sessions_of(exe):
    out = subprocess.run([exe, "--list"], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        p = line.split("\t")
        if len(p) >= 3:
            rows.append((p[0], int(p[2])))
    return rows


def demo_memory(exe, screen, tmp, renderer, sid, n):
    """Peak resident size over a whole session: every scene, the question opened,
    six seats answering, then on."""
    b = Bergtop(exe, screen, tmp, renderer, ["--session", sid])
    b.wait_frames(1)
    time.sleep(0.3)
    for _ in range(n + 1):
        keys = ["Return"]
        for s in range(6):
            keys += [str(1 + s % 5), "Tab"]
        keys += ["Return", "Right"]
        b.key(*keys, delay_ms=20)
        time.sleep(0.2)
    hwm = hwm_kib(b.proc.pid) / 1024
    frames, _ = b.stop()
    return hwm, len(frames)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bergtop")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle-seconds", type=float, default=60)
    ap.add_argument("--quick", action="store_true",
                    help="fewer runs, 10 s idle, fewer sessions: a first look")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.idle_seconds = 3, 10
    exe = os.path.abspath(args.bergtop)
    tmp = tempfile.mkdtemp(prefix="bergtop-bench")
    print("# bergtop benchmark")
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"\nmachine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; load "
          f"{os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"bergtop: {exe}; runs: {args.runs}; idle: {args.idle_seconds:.0f} s")
    try:
        run(exe, tmp, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(exe, tmp, args):
    R = args.runs
    sessions = sessions_of(exe)
    # 1. start to first frame
    rows = []
    h = start_headless(exe, tmp, R)
    m, w = med_worst(h)
    rows.append(["headless (--render, first scene of 1.1)", fmt(m), fmt(w), "-", "-", "-", "-"])
    scr = Screen(1920, 1080, tmp)
    browser_fig = None
    sw = None
    try:
        for ren in ("software", "opengl"):
            first, complete, rss, hwm = start_window(exe, scr, tmp, R, ren, 3)
            if ren == "software":
                sw = (statistics.median(complete), max(rss))
            rows.append([f"window, Xvfb 1920x1080, SDL {ren}", fmt(med_worst(first)[0]),
                         fmt(med_worst(first)[1]), fmt(med_worst(complete)[0]),
                         fmt(med_worst(complete)[1]), fmt(max(rss)), fmt(max(hwm))])
        browser_fig = browser(scr, tmp, R, 8)
        if browser_fig:
            complete, rss = browser_fig
            rows.append(["Chromium --kiosk, the same check-in page", "-", "-",
                         fmt(med_worst(complete)[0]), fmt(med_worst(complete)[1]),
                         fmt(max(rss)), "-"])
        table("1 and 6. Start (ms) and memory (MiB)",
              ["what", "first present, median", "worst", "check-in complete on screen, median",
               "worst", "peak PSS MiB (all processes)", "VmHWM MiB"], rows)
        if browser_fig:
            b_complete = statistics.median(browser_fig[0])
            b_rss = max(browser_fig[1])
            print(f"\nbrowser : bergtop (software renderer, check-in complete on screen): "
                  f"start {b_complete / sw[0]:.1f} : 1, memory {b_rss / sw[1]:.1f} : 1 "
                  "(peak PSS summed over each one's processes, sampled every 50 ms)")

        # 2. key to screen
        rows = []
        for ren in ("software", "opengl"):
            lat, n = latency(exe, scr, tmp, ren, 40 if args.quick else 100)
            rows.append([f"Xvfb, SDL {ren}", n, fmt(pctl(lat, 50)), fmt(pctl(lat, 99)),
                         fmt(max(lat) if lat else float("nan"))])
        table("2. Key taken by the main loop to the return of its present (ms)",
              ["renderer", "keys", "p50", "p99", "worst"], rows)

        # 3. idle cost
        rows = []
        cases = [
            ("the check-in, nothing moves", "1.1", [], None),
            ("the menu, nothing moves", None, [], None),
            ("wave (3.2), running", "3.2", ["Right"] * 7 + ["Return"], "wave"),
            ("breathing (3.5), running", "3.5", None, "breathe"),
            ("yarn web (1.2), the web closing", "1.2", None, "yarnweb"),
            ("certificate (3.11), applause", "3.11", ["Right"] * 9 + ["Return"], "certificate"),
        ]
        types = {sid: scene_types(sid) for sid in ("3.5", "1.2")}
        for name, sid, keys, what in cases:
            if sid == "3.5":
                k = types["3.5"].index("breathe")
                keys = ["Right"] * k + ["Return"]
            if sid == "1.2":
                k = types["1.2"].index("yarnweb")
                keys = ["Right"] * k + ["Return", "Return"] + ["Down", "Return"] * 7
            secs = args.idle_seconds if what is None else min(args.idle_seconds, 10)
            r = idle(exe, scr, tmp, "software", secs, sid, keys, what)
            rows.append([name, fmt(r["seconds"]), fmt(r["cpu_pct"]), fmt(r["wakeups"]),
                         fmt(r["fps"]), fmt(r["frame_med"]), fmt(r["frame_max"])])
        table("3. Idle cost and animations (Xvfb, software renderer)",
              ["what", "seconds", "CPU %", "wake-ups/s", "frames/s", "frame ms median",
               "worst"], rows)

        # 4. frame time
        rows = []
        for size in ("1920x1080", "3840x2160"):
            by = frames_headless(exe, tmp, size)
            for what in sorted(w for w in by if not w.endswith(":warm")):
                m, w = med_worst(by[what])
                warm = by.get(what + ":warm", [])
                mw, ww = med_worst(warm)
                rows.append([f"headless {size}", what, len(by[what]), fmt(m), fmt(w),
                             len(warm), fmt(mw), fmt(ww)])
        table("4a. Frame time per scene type, headless software renderer: each scene "
              "drawn first (a scene change), then again (a redraw) (ms)",
              ["size", "type", "scenes", "first median", "worst", "redraws", "redraw median",
               "worst"], rows)
        rows = []
        pick = sessions if not args.quick else sessions[:4]
        for ren in ("software", "opengl"):
            cold, warm = frames_window(exe, scr, tmp, ren, pick)
            for what in sorted(set(cold) | set(warm)):
                mc, wc = med_worst(cold.get(what, []))
                mw, ww = med_worst(warm.get(what, []))
                rows.append([f"Xvfb 1920x1080 {ren}", what, fmt(mc), fmt(wc),
                             len(warm.get(what, [])), fmt(mw), fmt(ww)])
        table("4b. Frame time per scene type in the window, draw + present (ms)",
              ["renderer", "type", "scene change median", "worst", "redraws", "redraw median",
               "worst"], rows)
    finally:
        scr.close()
    if not args.quick:
        scr4 = Screen(3840, 2160, tmp)
        try:
            rows = []
            for ren in ("software", "opengl"):
                cold, warm = frames_window(exe, scr4, tmp, ren, sessions[:6])
                allc = [x for v in cold.values() for x in v]
                allw = [x for v in warm.values() for x in v]
                rows.append([f"Xvfb 3840x2160 {ren}", fmt(pctl(allc, 50)), fmt(max(allc)),
                             fmt(pctl(allw, 50)), fmt(max(allw))])
            table("4c. Frame time at 3840x2160 in the window, sessions " +
                  ", ".join(s for s, _ in sessions[:6]) + " (ms)",
                  ["renderer", "scene change median", "worst", "redraw median", "worst"], rows)
        finally:
            scr4.close()

    # 5. memory over a whole session
    scr = Screen(1920, 1080, tmp)
    try:
        rows = []
        for sid, n in sessions[:1] if args.quick else sessions[:3]:
            hwm, nf = demo_memory(exe, scr, tmp, "software", sid, n)
            rows.append([sid, n, nf, fmt(hwm)])
        table("5. Peak resident memory over a whole session, six seats answering (MiB, VmHWM)",
              ["session", "scenes", "frames", "peak MiB"], rows)
    finally:
        scr.close()


def scene_types(sid):
    types = []
    with open(os.path.join(HERE, "..", "scenes", f"{sid}.yaml")) as f:
        for line in f:
            s = line.strip()
            if s.startswith("- type:"):
                types.append(s.split(":", 1)[1].strip())
    return types


if __name__ == "__main__":
    main()
