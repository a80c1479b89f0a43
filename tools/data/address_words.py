#!/usr/bin/env python3
"""Builds engine-pii's address-words.txt from libpostal's per-language dictionaries (MIT).

usage: address_words.py <libpostal git dir> <commit> > address-words.txt
Reads resources/dictionaries/<lang>/{street_types, concatenated_suffixes_*, unit_types_numbered,
level_types_numbered, staircases, entrances}.txt with `git show`, keeps the variants of three or more letters (and a
few two-letter abbreviations: "St", "Rd", "ul."), drops ordinary words (STOP) and keeps only clear street-type
compound suffixes (SUFFIXES, plus EXTRA_SUFFIXES of ours), lower-cased, and writes one section per kind.
"""
import subprocess
import sys

LANGS = ["en", "de", "fr", "es", "it", "nl", "pt", "da", "sv", "nb", "fi", "is", "pl", "cs", "sk", "hu", "ro",
         "bg", "el", "hr", "sl", "et", "lv", "lt", "mt", "ga", "lb", "ca", "gsw"]
# Languages whose street type stands before the name ("rue Descartes", "ul. Długa", "Πλατεία Μαβίλη").
PREFIX_LANGS = ["fr", "es", "it", "pt", "ca", "pl", "ro", "el", "cs", "sk", "hr", "sl", "bg", "mt", "ga"]
KINDS = {
    "street": ["street_types"],
    "prefix": ["street_types"],  # the street types of PREFIX_LANGS only
    "suffix": ["concatenated_suffixes_separable", "concatenated_suffixes_inseparable"],
    "unit": ["unit_types_numbered", "level_types_numbered", "staircases", "entrances"],
}


# Compound suffixes that are clearly street types; libpostal's list also has place-name endings ("burg", "dorf",
# "berg", "haven", "land") that would turn "Hamburg 2" into an address.
SUFFIXES = {"allee", "alleen", "aukio", "bakken", "banen", "braut", "brücke", "bruecke", "brucke", "bulevard",
            "bulevardi", "damm", "dammen", "gaard", "gade", "gasse", "gass", "gata", "gatan", "gaten", "gracht",
            "gränd", "gränden", "graend", "gård", "kaari", "katu", "kuja", "laan", "plads", "plassen", "plats",
            "platsen", "platz", "polku", "puistikko", "puistotie", "raitti", "siedlung", "singel", "steenweg", "stien",
            "stigen", "straat", "straede", "straeti", "strasse", "straße", "stræde", "stræti", "stredet", "strooss",
            "stross", "svingen", "svinget", "taival", "tie", "torg", "tori", "torv", "vaeg", "vaegen", "vangen", "veg",
            "vegen", "vegur", "vei", "veien", "vej", "vænge", "väg", "vägen", "väylä", "weg", "markt", "str."}
# Our additions: suffixes libpostal lists as separate words only. Not "ring", "gate" (English "during", "delegate").
EXTRA_SUFFIXES = {"ufer", "stígur", "tänav", "gatve", "iela", "utca", "ulica", "ulice", "steig", "pfad",
                  "chaussee", "promenade", "kade", "dijk", "dreef", "hof", "wal", "plein", "markt", "weide", "zoom", "gürtel", "kai", "kaai"}
# Two-letter street abbreviations worth keeping; other one- and two-letter variants match too much text.
SHORT_STREETS = {"st", "st.", "rd", "rd.", "dr", "dr.", "av", "av.", "ln", "ln.", "pl", "pl.", "ct", "ct.", "sq",
                 "sq.", "bd", "bd.", "ul", "ul.", "tr", "tr.", "út", "al.", "os.", "pl."}
# Street-type and unit variants that are ordinary words in the languages we read.
STOP = {"and", "all", "but", "the", "for", "not", "you", "can", "any", "may", "are", "was", "has", "had", "his",
        "her", "its", "our", "out", "one", "two", "new", "old", "see", "end", "top", "art", "back", "bank", "bay",
        "by", "at", "as", "in", "# in", "# int", "ant", "antenna", "barbecue", "barbeque", "bbq", "berth", "box",
        "bad", "bach", "ber", "bot", "bre", "bro", "but", "cal", "call", "camp", "car", "con", "del", "der", "des",
        "die", "das", "den", "dem", "una", "uno", "van", "von", "sur", "sous", "les", "los", "las", "est",
        "ost", "nord", "sud", "west", "east", "north", "south", "und", "ein", "eine", "und", "oder", "met", "mit",
        "con", "par", "per", "pro", "sans", "how", "who", "why", "what", "when", "where", "which", "this", "that",
        "then", "than", "them", "they", "with", "from", "into", "over", "under", "after", "before", "here", "there",
        "will", "would", "should", "could", "must", "have", "been", "being", "were", "also", "just", "only", "very",
        "more", "most", "some", "such", "each", "both", "few", "many", "much", "own", "same", "other", "off",
        "on", "up", "down", "no", "nor", "so", "too", "to", "of", "or", "if", "is", "it", "be", "do", "an", "a"}


def read(git_dir, commit, path):
    try:
        return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        return ""


def main():
    git_dir, commit = sys.argv[1], sys.argv[2]
    print("# Street-type words, compound street suffixes and unit/level/staircase/entrance words per language,")
    print(f"# from openvenues/libpostal resources/dictionaries (MIT), commit {commit}; see SOURCE.")
    print("# Built by tools/data/address_words.py. Sections list lower-case entries, comma-separated.")
    for kind, files in KINDS.items():
        words = set()
        for lang in (PREFIX_LANGS if kind == "prefix" else LANGS):
            for f in files:
                for line in read(git_dir, commit, f"resources/dictionaries/{lang}/{f}.txt").splitlines():
                    for variant in line.split("|"):
                        v = variant.strip().lower()
                        letters = sum(c.isalpha() for c in v)
                        if "," in v or v in STOP or letters < 2:
                            continue
                        if kind in ("street", "prefix") and letters < 3 and v not in SHORT_STREETS:
                            continue
                        if kind == "suffix" and v not in SUFFIXES:
                            continue
                        words.add(v)
        if kind == "suffix":
            words |= EXTRA_SUFFIXES
        print(f"[{kind}]")
        line = ""
        for w in sorted(words):
            piece = w + ", "
            if len(line) + len(piece) > 118:
                print(line.rstrip().rstrip(","))
                line = ""
            line += piece
        print(line.rstrip().rstrip(","))


if __name__ == "__main__":
    main()
