#!/usr/bin/env python3
"""Generates FoldingTable.Data.cs: the character folding TextNormalizer applies.

Why a generated table: the services run with InvariantGlobalization (no ICU), where
string.Normalize leaves non-ASCII text unchanged, so NFKC/NFD cannot be done at run time.
Python's unicodedata carries the decompositions; this script bakes them into data.

Run from the repository root, then rebuild and run the tests:
    python3 shared/Governance.Rules/Text/generate-folding-table.py

For each code point below U+20000 the fold is:
    NFKD, drop marks (Mn, Mc, Me) and format characters (Cf), lower-case, NFKD and drop again,
    apply EXTRAS per character, map non-ASCII decimal digits to ASCII, and write every
    character that is not a letter or digit as '_' (a word separator), runs collapsed.
A line is written only where that differs from what TextNormalizer does without the table
(letters lower-cased, digits kept, marks and format characters dropped, anything else a
separator), and only when the result is Latin, Greek, Cyrillic or ASCII digits: other scripts
are left to the default (no compatibility folding).

Line format:  FROM[-TO] VALUE[+]
  FROM, TO  hex code points (inclusive range)
  VALUE     the folded text; '_' is a word separator
  '+'       VALUE is one character and the range maps to consecutive characters from it
"""
import sys
import unicodedata as u

OUTPUT = "shared/Governance.Rules/Text/FoldingTable.Data.cs"
LIMIT = 0x20000

# Letters NFKD leaves alone but people type (or evade) as plain Latin letters.
EXTRAS = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŧ": "t",
    # Small capitals used by "fancy text" generators: ᴍɪʀᴀᴄʟᴇ ᴄᴜʀᴇ.
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i",
    "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ꞯ": "q", "ʀ": "r",
    "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
}

# Code points folded to letters although NFKD does not: negative circled and negative squared
# Latin capitals (🅜🅘🅛, 🅼🅸🅻), and parenthesized letters and numbers (⒨⒤⒭, ⑴) whose NFKD
# "(m)(i)(r)" would otherwise split a word into one-letter words.
OVERRIDES = {}
for base, first in ((0x1F150, "a"), (0x1F170, "a"), (0x249C, "a")):
    for i in range(26):
        OVERRIDES[base + i] = chr(ord(first) + i)
for i in range(20):
    OVERRIDES[0x2474 + i] = str(i + 1)

DROPPED = {"Mn", "Mc", "Me", "Cf"}


def is_word(ch):
    return u.category(ch)[0] == "L" or u.category(ch) == "Nd"


def strip(s):
    return "".join(c for c in s if u.category(c) not in DROPPED)


def fold(ch):
    cp = ord(ch)
    if cp in OVERRIDES:
        return OVERRIDES[cp]
    s = strip(u.normalize("NFKD", strip(u.normalize("NFKD", ch)).lower()))
    s = "".join(EXTRAS.get(c, c) for c in s)
    out = []
    for c in s:
        if u.category(c) == "Nd":
            out.append(str(u.digit(c)))
        elif is_word(c):
            out.append(c)
        elif not out or out[-1] != "_":
            out.append("_")
    return "".join(out)


def default(ch):
    cat = u.category(ch)
    if cat in DROPPED:
        return ""
    if cat[0] == "L":
        low = ch.lower()
        return low if len(low) == 1 else ch
    if cat == "Nd":
        return ch
    return "_"


def supported(value):
    if not value:
        return False  # only halfwidth katakana sound marks; other scripts are out of scope
    for c in value:
        o = ord(c)
        if c == "_" or o < 0x80:
            continue
        if not (o < 0x250 or 0x370 <= o < 0x530 or 0x1D00 <= o < 0x1DC0 or 0x1E00 <= o < 0x2000
                or 0x2C60 <= o < 0x2C80 or 0xA720 <= o < 0xA800 or 0xAB30 <= o < 0xAB70):
            return False
    return True


def table():
    entries = {}
    for cp in range(0x80, LIMIT):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if u.category(ch) == "Cn":
            continue
        value = fold(ch)
        if value != default(ch) and supported(value):
            entries[cp] = value
    return entries


def lines(entries):
    keys = sorted(entries)
    i = 0
    while i < len(keys):
        start = keys[i]
        value = entries[start]
        run, step = 1, None
        if len(value) == 1 and value != "_":
            for candidate in (1, 0):
                n = 1
                while (i + n < len(keys) and keys[i + n] == start + n
                       and entries[keys[i + n]] == chr(ord(value) + candidate * n)):
                    n += 1
                # Increasing runs only when long enough to read as an alphabet (A-Z, 0-9).
                if n > run and (candidate == 0 or n >= 4):
                    run, step = n, candidate
        end = start + run - 1
        key = f"{start:04X}" if run == 1 else f"{start:04X}-{end:04X}"
        yield f"{key} {value}{'+' if step == 1 else ''}"
        i += run


def main():
    entries = table()
    body = "\n".join(lines(entries))
    code = (
        "// <auto-generated>\n"
        "// Generated by generate-folding-table.py from Python "
        f"{sys.version_info.major}.{sys.version_info.minor} unicodedata (Unicode {u.unidata_version}).\n"
        "// Do not edit; change the script and run it again. Format: see the script.\n"
        "// </auto-generated>\n"
        "namespace Governance.Rules.Text;\n\n"
        "internal static partial class FoldingTable\n"
        "{\n"
        f"    /// <summary>{len(entries)} code points, one range per line.</summary>\n"
        "    private const string Data = \"\"\"\n"
        f"{body}\n"
        "\"\"\";\n"
        "}\n"
    )
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(code)
    print(f"{OUTPUT}: {len(entries)} code points, {body.count(chr(10)) + 1} lines")


if __name__ == "__main__":
    main()
