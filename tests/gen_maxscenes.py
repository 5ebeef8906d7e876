#!/usr/bin/env python3
"""Odd but valid scene files: every limit of the format at once.

Usage: gen_maxscenes.py OUTDIR

Writes three sessions of module 3 into OUTDIR:
  3.99.yaml  500 scenes (BT_SCENES_MAX), every scene type, every optional field set,
             every text at exactly its maximum length, every list at its maximum count;
             the rest of the 500 are variants (other styles, ALL CAPS, "100%" texts).
  3.98.yaml  one representative of every type (two for poll, scale and blocks, whose
             maxima differ by variant), doelen at 4 x 60, a 120-character notitie on
             every scene: the session that is rendered at every resolution.
  3.97.yaml  the same representatives with every text in capitals (the widest letters).
and OUTDIR/<id>.types: one line per scene, "number<TAB>type<TAB>variant", for the test.

The limits come from the sources (scene_*.c #defines and field_text(..., N, ...)
calls, sessiondef.h) and scenes/README.md; they are repeated here on purpose: if a
limit changes, --check on these files fails and this file must follow.
"""
import os
import sys

# --- the limits (src/core/sessiondef.h and src/core/scenes/*.c) ---
TITLE_MAX = 45  # BT_TITLE_MAX, and every scene's titel
GOAL_MAX, GOALS_MAX = 60, 4  # BT_GOAL_MAX, BT_GOALS_MAX
NOTE_MAX = 120  # BT_NOTE_MAX
SCENES_MAX = 500  # BT_SCENES_MAX
FILE_MAX = 1024 * 1024  # BT_SCENE_FILE_MAX
SLIDE_LINES_MAX, SLIDE_LINE_MAX = 5, 60
QUESTION_MAX = 60  # vraag of checkin/checkout, poll, scale, thermometer
POLL_MAX, POLL_OPTION_MAX, POLL_OPTION_MANY_MAX = 6, 24, 16
SCALE_WORD_MAX, SCALE_NAME_MAX = 24, 20
TH_EXTRA_MAX = 14
BLOCKS_MAX, BLOCK_CHARS = 6, 24
BR_MAX_MINUTES = 30
BREATHE_SECONDS_HI, BREATHE_TIMES_MAX = 10, 10
CE_TEXT_MAX = 40
CLIMBER_PARTS = ["top", "uitrusting", "wegen", "risico", "picknick", "gedachte",
                 "uitglijden", "ehbo", "klimmer"]
RP_PHASES_MAX, RP_STEPS_MAX = 8, 6
RP_SCENARIO_CHARS, RP_ROLE_CHARS, RP_PHASE_CHARS, RP_STEP_CHARS = 80, 16, 20, 40
RP_SEC_MAX = 1800
TS_MAX, TS_THOUGHT_MAX, TS_POWER_MAX = 8, 40, 45
VL_VALUES_MAX, VL_PAIRS_MAX, VL_NAME_MAX, VL_NORM_MAX = 12, 12, 20, 40
WV_MINUTES_MAX, WV_EVERY_MIN = 20, 15
YARN_QUESTIONS_MAX, YARN_QUESTION_CHARS, YARN_LINE_CHARS = 30, 60, 45

TYPES = ["slide", "goals", "checkin", "checkout", "poll", "scale", "thermometer", "blocks",
         "break", "breathe", "certificate", "climber", "keuze", "roleplay", "thoughtstop",
         "valueline", "wave", "yarnweb"]

# Wide Dutch words: many W and M, capitals, é and ë, long compounds.
WORDS = ("Woensdagmiddag Mohammed Wilhelmina Mijmeren Wéér Moeilijk Wanhoop Meeëmoties "
         "Weemoedig Medewerkers Wijkwandeling Maandagmorgen Ideeën Financiële Zwemmen "
         "Wraakgevoelens Geëmotioneerd Museumwandeling Wereldwijd Coördinatie Café "
         "Moederdag Wachtkamer Weekendwerk Mammoetwet Waarom Misschien Wékelijks "
         "Wasmachine Mondkapje Overweëg Wiebelmomenten").split()
# One unbreakable word per scene: real long compounds (at most 46 letters, as long as
# Dutch words get), cut to the field's length where that is shorter.
LONG = ["Arbeidsongeschiktheidsverzekeringsmaatschappij",
        "Medewerkerstevredenheidsonderzoeksresultaten",
        "Woensdagmiddagwerkgroepbijeenkomstenweek"]


def fit(n, seed=0, caps=False, unbreakable=False, prefix="", word=46):
    """A text of exactly n characters (Unicode code points, as bt_utf8_chars counts)."""
    # the filler words from seed on; where the cut would fall on a space, start one
    # word later (or take the next long word), so the text ends in a letter and no
    # word is glued to another
    for k in range(len(LONG)):
        first = []
        if unbreakable:
            first.append(LONG[(seed + k) % len(LONG)][:word])
        elif prefix.strip():
            first.append(prefix.strip())
        for j in range(len(WORDS)):
            words = list(first)
            i = seed + j
            while len(" ".join(words)) < n:
                words.append(WORDS[i % len(WORDS)])
                i += 1
            s = " ".join(words)[:n]
            if not s.endswith(" "):
                break
        if not s.endswith(" "):
            break
    if caps:
        s = s.upper()
    assert len(s) == n and not s.endswith(" "), (s, n)
    return s


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Doc:
    def __init__(self):
        self.lines = []

    def add(self, indent, text):
        self.lines.append(" " * indent + text)


def scene(doc, typ, v, caps, note, notes_seen):
    """One scene of type typ, variant v (0 = the representative with every maximum)."""
    s = v * 7  # a different wording per variant
    t = lambda n, k=0, **kw: q(fit(n, s + k, caps, **kw))
    a = doc.add
    a(2, "- type: " + typ)
    if note:
        a(4, "notitie: " + t(NOTE_MAX, 3))
        notes_seen.add(typ)
    if typ == "slide":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "plaatje: " + ("boek", "idee", "praten")[v % 3])
        a(4, "regels:")
        for i in range(SLIDE_LINES_MAX):
            if i % 2 == 0 or v % 2:
                a(6, "- tekst: " + t(SLIDE_LINE_MAX, 10 + i, unbreakable=(i == 4)))
                a(8, "plaatje: " + ("denken", "kalender", "stop", "kracht", "hart")[i])
            else:
                a(6, "- " + t(SLIDE_LINE_MAX, 10 + i, prefix="100% "))
    elif typ == "goals":
        pass
    elif typ in ("checkin", "checkout"):
        a(4, "vraag: " + t(QUESTION_MAX, 2, unbreakable=(v % 2 == 1)))
    elif typ == "poll":
        many = v % 2 == 0  # the most options, with their shorter limit; or the longest texts
        n, chars = (POLL_MAX, POLL_OPTION_MANY_MAX) if many else (4, POLL_OPTION_MAX)
        a(4, "vraag: " + t(QUESTION_MAX, 2))
        a(4, "plaatje: vraag")
        a(4, "opties:")
        icons = ["ja", "nee", "misschien", "duim", "geld", "werk"]
        for i in range(n):
            a(6, "- tekst: " + t(chars, 20 + i, unbreakable=(i == n - 1)))
            a(8, "plaatje: " + icons[i])
    elif typ == "scale":
        a(4, "vraag: " + t(QUESTION_MAX, 2, unbreakable=(v % 4 == 3)))
        a(4, "plaatje: weegschaal")
        a(4, "stijl: " + ("lijn", "ballen")[v % 2])
        a(4, "van: 0")
        a(4, "tot: 9")
        a(4, "laag: " + t(SCALE_WORD_MAX, 4))
        a(4, "hoog: " + t(SCALE_WORD_MAX, 5, unbreakable=True))
        a(4, "nul_signaal: ja")
        a(4, "naam: " + t(SCALE_NAME_MAX, 6))
        a(4, 'vergelijk: "3.98"')
    elif typ == "thermometer":
        a(4, "vraag: " + t(QUESTION_MAX, 2))
        a(4, "extra:")
        a(6, "tekst: " + t(TH_EXTRA_MAX, 0, unbreakable=True))
        a(6, "plaatje: wolk")
    elif typ == "blocks":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "plaatje: bord")
        if v % 3 == 1:
            a(4, "soort: voordelen")
        elif v % 3 == 2:
            a(4, "soort: neutraal")
        else:
            a(4, "soort: nadelen")
            a(4, "groen: ja")
        a(4, "blokken:")
        for i in range(BLOCKS_MAX):
            a(6, "- " + t(BLOCK_CHARS, 30 + i, unbreakable=(i == 0)))
    elif typ == "break":
        a(4, "titel: " + t(TITLE_MAX, 1, unbreakable=True))
        a(4, "minuten: %d" % BR_MAX_MINUTES)
        a(4, "toon: " + ("nee", "ja")[v % 2])
    elif typ == "breathe":
        a(4, "titel: " + t(TITLE_MAX, 1, unbreakable=True))
        for k in ("in", "vast", "uit"):
            a(4, "%s: %d" % (k, BREATHE_SECONDS_HI))
        a(4, "keer: %d" % BREATHE_TIMES_MAX)
        a(4, "toon: ja")
    elif typ == "certificate":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "tekst: " + t(CE_TEXT_MAX, 2, unbreakable=True))
    elif typ == "climber":
        a(4, "titel: " + t(TITLE_MAX, 1, unbreakable=True))
        a(4, "delen:")
        parts = CLIMBER_PARTS[v % 9:] + CLIMBER_PARTS[:v % 9]
        for p in parts:
            a(6, "- " + p)
        a(4, "klimmers: " + ("ja", "nee")[v % 2])
    elif typ == "keuze":
        a(4, "module: 3")
        a(4, "titel: " + t(TITLE_MAX, 1, unbreakable=True))
    elif typ == "roleplay":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "scenario: " + t(RP_SCENARIO_CHARS, 2))
        a(4, "plaatje: rollenspel")
        a(4, "rollen:")
        a(6, "- naam: " + t(RP_ROLE_CHARS, 40, unbreakable=True))
        a(8, "plaatje: vriend")
        a(6, "- naam: " + t(RP_ROLE_CHARS, 41))
        a(8, "plaatje: kracht")
        a(4, "fasen:")
        kinds = ["voorbereiden", "spelen", "wisselen", "spelen", "nabespreken", "spelen",
                 "wisselen", "nabespreken"]
        for i in range(RP_PHASES_MAX):
            a(6, "- naam: " + t(RP_PHASE_CHARS, 50 + i, unbreakable=(i == 0)))
            a(8, "seconden: %d" % RP_SEC_MAX)
            a(8, "soort: " + kinds[i])
        a(4, "stappen:")
        for i in range(RP_STEPS_MAX):
            a(6, "- tekst: " + t(RP_STEP_CHARS, 60 + i))
            a(8, "plaatje: " + ("praten", "luisteren", "stop", "duim", "hand", "kijken")[i])
    elif typ == "thoughtstop":
        # Here the limits meet: --check estimates at 1440x1080 whether every bubble
        # fits (ts_geometry), so 8 thoughts of 40 do not pass. Two maxima instead,
        # found with --check and kept word for word (the estimate counts characters,
        # so capitals pass alike): v even, 4 thoughts at 40 and 4 power thoughts at
        # 45, the first one word of 40; v odd, 8 and 8 at 32, the first with a word of 21.
        n, lt, lp, word = (4, TS_THOUGHT_MAX, TS_POWER_MAX, 40) if v % 2 == 0 else (TS_MAX, 32, 32, 21)
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "gedachten:")
        for i in range(n):
            a(6, "- " + q(fit(lt, 70 + i, caps, unbreakable=(i == 0), word=word)))
        a(4, "krachtgedachten:")
        for i in range(n):
            a(6, "- " + q(fit(lp, 80 + i, caps)))
    elif typ == "valueline":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "waarden:")
        names = []
        for i in range(VL_VALUES_MAX):
            # unique names: a number up front keeps them apart
            name = fit(VL_NAME_MAX, s + 90 + i, caps, prefix="W%d " % (i + 1))
            names.append(name)
            a(6, "- naam: " + q(name))
            a(8, "norm: " + t(VL_NORM_MAX, 100 + i, unbreakable=(i == 0)))
        a(4, "paren:")
        for i in range(VL_PAIRS_MAX):
            a(6, "- [%s, %s]" % (q(names[i]), q(names[(i + 1 + v % 11) % VL_VALUES_MAX])))
    elif typ == "wave":
        a(4, "titel: " + t(TITLE_MAX, 1, unbreakable=True))
        a(4, "minuten: %d" % WV_MINUTES_MAX)
        a(4, "meten: ja")
        a(4, "elke: %d" % WV_EVERY_MIN)
    elif typ == "yarnweb":
        a(4, "titel: " + t(TITLE_MAX, 1))
        a(4, "vragen:")
        for i in range(YARN_QUESTIONS_MAX):
            a(6, "- " + t(YARN_QUESTION_CHARS, 110 + i, unbreakable=(i == 0)))
        a(4, "slot: " + t(YARN_LINE_CHARS, 2))
    else:
        raise ValueError(typ)


def header(doc, sid, caps, goals):
    doc.add(0, "# Generated by tests/gen_maxscenes.py: odd but valid input, every text at its maximum.")
    doc.add(0, "sessie: " + q(sid))
    doc.add(0, "module: 3")
    doc.add(0, "titel: " + q(fit(TITLE_MAX, int(sid.split(".")[1]), caps)))
    doc.add(0, "doelen:")
    for i in range(goals):
        doc.add(2, "- " + q(fit(GOAL_MAX, 200 + i, caps, unbreakable=(i == 3))))
    doc.add(0, "scenes:")


def representatives():
    """(type, variant) of the rendered session: every type, the max variants of each."""
    out = []
    for typ in TYPES:
        out.append((typ, 0))
        if typ in ("poll", "checkin", "thoughtstop"):
            # poll: 4 options of 24; checkin: unbreakable question; thoughtstop: 8 of 32
            out.append((typ, 1))
        if typ == "scale":
            out.append((typ, 1))  # ballen
        if typ == "blocks":
            out.append((typ, 1))  # voordelen
    return out


def write(path, doc):
    data = ("\n".join(doc.lines) + "\n").encode("utf-8")
    assert len(data) < FILE_MAX, "%s: %d bytes, more than the 1 MB a scene file may have" % (
        path, len(data))
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def write_types(path, scenes):
    """One line per scene, "number<TAB>type<TAB>variant": what the test's script needs."""
    with open(path, "w") as f:
        for i, (typ, v) in enumerate(scenes):
            f.write("%d\t%s\t%d\n" % (i + 1, typ, v))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_maxscenes.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)

    # 3.98 and 3.97: the representatives, goals at their maximum, a notitie everywhere
    rep = representatives()
    for sid, caps in (("3.98", False), ("3.97", True)):
        doc = Doc()
        header(doc, sid, caps, GOALS_MAX)
        seen = set()
        for typ, v in rep:
            scene(doc, typ, v, caps, True, seen)
        write(os.path.join(out, sid + ".yaml"), doc)
    write_types(os.path.join(out, "3.98.types"), rep)
    write_types(os.path.join(out, "3.97.types"), rep)

    # 3.99: 500 scenes; first every representative, then variants round the types
    doc = Doc()
    header(doc, "3.99", False, 2)
    seen = set()
    all_scenes = list(rep)
    for typ, v in rep:
        scene(doc, typ, v, False, True, seen)
    k = 0
    while len(all_scenes) < SCENES_MAX:
        typ = TYPES[k % len(TYPES)]
        v = 2 + k // len(TYPES)
        scene(doc, typ, v, k % 5 == 4, k % 3 == 0, seen)
        all_scenes.append((typ, v))
        k += 1
    size = write(os.path.join(out, "3.99.yaml"), doc)
    write_types(os.path.join(out, "3.99.types"), all_scenes)
    assert seen == set(TYPES)
    n = len(all_scenes)
    print("gen_maxscenes: 3.99 has %d scenes (%d bytes), 3.98/3.97 have %d" % (n, size, len(rep)))


if __name__ == "__main__":
    main()
