#!/usr/bin/env python3
"""Generates the « outside » corpus of the garde de sobriété.

Written from the rule only, by someone who never read the guard, its lexicons
or the existing corpus. Every person is fictional; every identifier (NIR, IBAN,
RIB key, card number) is computed here so that it is valid.

    python3 make_outside.py            # writes corpus-outside.tsv and credentials-outside.tsv
    python3 make_outside.py --check    # only validates the two files already written

The sentence templates (hand-written) are in templates_outside.py, next to this
file. Placeholders:
    {nir:STYLE}   15-character NIR, valid key          STYLE: std compact dots dashes slashes
                  commas underscores odd fw fwsp keyapart cle keyparen mixed
    {nirC:STYLE}  same, born in Corsica (2A / 2B)
    {nir13:STYLE} the 13 characters only (no key) — always introduced by NIR words
    {nirbad:STYLE} 13 valid characters followed by a wrong key (see README)
    {iban:STYLE}  French IBAN                           STYLE: g4 compact lower odd dashes frsp
    {rib:STYLE}   French RIB (bank, branch, account, key) STYLE: groups labels labels2 slashes
                  abbr compact odd prose lbp (La Banque Postale, groups)
    {card:STYLE}  16-digit Luhn-valid card              STYLE: 4x4 compact dashes dots odd pairs fw
                  visa mc (4x4 with a Visa / Mastercard prefix)
    {caf} {caf:L} {caf:sp}   7-digit allocataire number (L: with a letter, sp: spaced)
    {agd} {agd:sp} {agd:sp2} 10-digit AGDREF
    {spi} {spi:sp}           13-digit tax number, first digit 0-3
    {pwd} {login} {mail} {pin4} {pin6} {pin8} {ftid} {pet} {city}
    {tel} {tel:c} (mobile, spaced / compact) {tel:f} (landline) {date} {F} {M} {N} {I}
"""
import os
import re
import sys
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from templates_outside import CORPUS, CREDENTIALS  # noqa: E402

SEED = 20260214
HEADER = ("# expected\ttext — written from the rule only, by someone who never read the guard; "
          "fictional, every identifier computed")
CATEGORIES = ["Nir", "Caf", "Iban", "PaymentCard", "Agdref", "TaxId", "Credentials",
              "Health", "SpecialCategory", "Nationality", "Judgement", "Offence"]
IDENTIFIERS = CATEGORIES[:7]

# --------------------------------------------------------------------------- checksums

def nir_key(first13: str) -> int:
    n = first13.upper().replace("2A", "19").replace("2B", "18")
    return 97 - int(n) % 97


def rib_key(bank: str, branch: str, account: str) -> int:
    conv = {}
    for digit, letters in enumerate(["AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"], 1):
        for c in letters:
            conv[c] = str(digit)
    acc = "".join(conv.get(c, c) for c in account.upper())
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acc)) % 97


def iban_letters(s: str) -> str:
    return "".join(str(ord(c) - 55) if c.isalpha() else c for c in s.upper())


def iban_check(bban: str) -> str:
    return "%02d" % (98 - int(iban_letters(bban + "FR00")) % 97)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix15: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix15 + d):
            return prefix15 + d
    raise AssertionError


# independent re-checks (other formulations of the same rules), used by the validator
def nir_valid(s15: str) -> bool:
    s = s15.upper()
    body = s[:13].replace("2A", "19").replace("2B", "18")
    return s[0] in "12" and (int(body) + int(s[13:])) % 97 == 0


def rib_valid(bank, branch, account, key) -> bool:
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
    whole = (bank + branch + account + key).upper().translate(table)
    return int(whole) % 97 == 0


def iban_valid(iban: str) -> bool:
    s = re.sub(r"[\s\-.]", "", iban).upper()
    return int(iban_letters(s[4:] + s[:4])) % 97 == 1

# --------------------------------------------------------------------------- people

FEMALE = ["Fatou", "Nadia", "Sandrine", "Aurélie", "Kenza", "Jessica", "Samia", "Mélanie", "Aïcha",
          "Stéphanie", "Inès", "Laetitia", "Yasmina", "Christelle", "Océane", "Mariam", "Céline",
          "Sabrina", "Nathalie", "Coralie", "Awa", "Linda", "Sonia", "Émilie"]
MALE = ["Karim", "Mickaël", "Mamadou", "Kevin", "Jordan", "Sofiane", "Thierry", "Yannick", "Bilal",
        "Franck", "Moussa", "Dylan", "Patrice", "Rachid", "Ludovic", "Ibrahima", "Anthony", "Sébastien",
        "Nordine", "Cédric", "Jérémy", "Samir"]
SUR_A = ["Bel", "Mar", "Dur", "Lam", "Ker", "Gal", "Ros", "Ber", "Cha", "Mou", "Val", "Ren", "Fon",
         "Bou", "Del", "Tor", "Pel", "Gar", "Lef", "Vau"]
SUR_B = ["ville", "ard", "ier", "on", "et", "aud", "in", "eau", "ot", "ange", "ès", "ac", "elle", "ault"]
PWD_WORDS = ["Soleil", "Loulou", "Princesse", "Marseille", "Azerty", "Doudou", "Chouchou", "Nounours",
             "Papillon", "Bisous", "Lilou", "Titou", "Choupette", "Galaxie", "Caramel", "Tigrou"]
PETS = ["Médor", "Filou", "Rex", "Caramel", "Minette", "Pompon", "Oscar", "Biscotte", "Kiwi"]
CITIES = ["Roubaix", "Limoges", "Toulon", "Creil", "Vierzon", "Dunkerque", "Montluçon", "Agen"]
MAIL_DOMAINS = ["gmail.com", "hotmail.fr", "orange.fr", "laposte.net", "yahoo.fr", "outlook.fr"]
DEPTS = ["93", "75", "59", "13", "69", "62", "94", "95", "77", "78", "33", "31", "44", "67", "34",
         "06", "76", "38", "91", "92", "60", "02", "80", "57"]
BANKS = ["30004", "30002", "30003", "10278", "20041", "16606", "17515", "18206", "10907", "30066",
         "14505", "13335", "16958", "11315"]


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def digits(self, n):
        return "".join(self.r.choice("0123456789") for _ in range(n))

    # ---- people and everyday values
    def F(self):
        return self.r.choice(FEMALE)

    def M(self):
        return self.r.choice(MALE)

    def N(self):
        return self.r.choice(SUR_A) + self.r.choice(SUR_B)

    def I(self):
        return self.r.choice("BCDGHKLMNRST")

    def tel(self, style=None):
        # default and "c" (compact): a mobile; "f": a landline
        first = self.r.choice(["01", "03", "09", "04"] if style == "f" else ["06", "07"])
        rest = [self.digits(2) for _ in range(4)]
        if style == "c":
            return first + "".join(rest)
        return " ".join([first] + rest)

    def date(self, style=None):
        return "%02d/%02d" % (self.r.randint(1, 28), self.r.randint(1, 12))

    def pwd(self, style=None):
        w = self.r.choice(PWD_WORDS)
        kind = self.r.randint(0, 4)
        if kind == 0:
            return w + str(self.r.randint(1975, 2019)) + self.r.choice(["!", "*", "", "$"])
        if kind == 1:
            return w.lower() + self.r.choice(["93", "59", "13", "62", "75"]) + self.r.choice(["", "!"])
        if kind == 2:
            return w[0] + w[1:].lower() + "." + self.digits(4)
        if kind == 3:
            return "".join(self.r.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                           for _ in range(8))
        return w + "#" + self.digits(2)

    def login(self, style=None):
        f = ascii_fold(self.r.choice(FEMALE + MALE)).lower()
        s = ascii_fold(self.N()).lower()
        return self.r.choice([f + "." + s, f[0] + s + self.digits(2), "mme." + s, s + "." + f + self.digits(2)])

    def mail(self, style=None):
        return self.login() + "@" + self.r.choice(MAIL_DOMAINS)

    def pin4(self, style=None):
        return self.digits(4)

    def pin6(self, style=None):
        return self.digits(6)

    def pin8(self, style=None):
        return self.digits(8)

    def ftid(self, style=None):  # France Travail identifier, 7 digits + a letter
        return self.digits(7) + self.r.choice("ABCDEFGHJKLMNPRSTX")

    def pet(self, style=None):
        return self.r.choice(PETS)

    def city(self, style=None):
        return self.r.choice(CITIES)

    # ---- NIR
    def _nir13(self, corsica=False):
        sex = self.r.choice("12")
        yy = "%02d" % self.r.choice(list(range(45, 100)) + list(range(0, 8)))
        mm = "%02d" % self.r.randint(1, 12)
        if corsica:
            dept = self.r.choice(["2A", "2B"])
        elif self.r.random() < 0.12:
            dept = "99"  # born abroad: 99 + country code
        else:
            dept = self.r.choice(DEPTS)
        com = "%03d" % self.r.randint(1, 350 if dept != "99" else 999)
        if dept == "99":
            com = self.r.choice(["350", "351", "352", "243", "341", "330", "134", "109", "123"])
        order = "%03d" % self.r.randint(1, 999)
        return sex + yy + mm + dept + com + order

    @staticmethod
    def _groups13(s):
        return [s[0], s[1:3], s[3:5], s[5:7], s[7:10], s[10:13]]

    def _odd(self, s):
        out, i = [], 0
        while i < len(s):
            k = self.r.randint(2, 5)
            out.append(s[i:i + k])
            i += k
        return " ".join(out)

    @staticmethod
    def _fw(s):
        return "".join(chr(ord(c) - 48 + 0xFF10) if c.isdigit() else c for c in s)

    def _fmt_nir(self, s13, key, style):
        g = self._groups13(s13)
        k = key
        if style == "std":
            return " ".join(g + [k]) if k else " ".join(g)
        if style == "compact":
            return s13 + k
        if style in ("dots", "dashes", "slashes", "commas", "underscores"):
            sep = {"dots": ".", "dashes": "-", "slashes": "/", "commas": ",", "underscores": "_"}[style]
            return sep.join(g + ([k] if k else []))
        if style == "odd":
            return self._odd(s13 + k)
        if style == "fw":
            return self._fw(s13 + k)
        if style == "fwsp":
            return self._fw(" ".join(g + ([k] if k else [])))
        if style == "keyapart":
            return " ".join(g) + " - " + k
        if style == "cle":
            return s13 + " clé " + k
        if style == "keyparen":
            return " ".join(g) + " (" + k + ")"
        if style == "mixed":
            return "%s %s %s %s-%s-%s %s" % tuple(g + [k])
        raise ValueError(style)

    def nir(self, style="std", corsica=False, keyless=False, badkey=False):
        s13 = self._nir13(corsica)
        key = "%02d" % nir_key(s13)
        assert nir_valid(s13 + key)
        if keyless:
            key = ""
        if badkey:
            good = int(key)
            key = "%02d" % ((good + self.r.randint(3, 60)) % 97 + 1)
            assert not nir_valid(s13 + key)
        return self._fmt_nir(s13, key, style)

    def nirC(self, style="std"):
        return self.nir(style, corsica=True)

    def nir13(self, style="std"):
        return self.nir(style, keyless=True)

    def nirbad(self, style="std"):
        return self.nir(style, badkey=True)

    # ---- bank
    def _rib(self, bank=None):
        bank = bank or self.r.choice(BANKS)
        branch = self.digits(5)
        if bank == "20041" and self.r.random() < 0.7:  # La Banque Postale style account with a letter
            account = "0" + self.digits(7) + self.r.choice("ABCDEFGHJKLMN") + self.digits(2)
        else:
            account = self.digits(11)
        key = "%02d" % rib_key(bank, branch, account)
        assert rib_valid(bank, branch, account, key)
        return bank, branch, account, key

    def iban(self, style="g4"):
        bank, branch, account, key = self._rib()
        bban = bank + branch + account + key
        s = "FR" + iban_check(bban) + bban
        assert iban_valid(s)
        if style == "compact":
            return s
        g = [s[i:i + 4] for i in range(0, len(s), 4)]
        if style == "g4":
            return " ".join(g)
        if style == "lower":
            return " ".join(g).lower()
        if style == "dashes":
            return "-".join(g)
        if style == "frsp":
            return s[:2] + " " + s[2:4] + " " + " ".join(s[i:i + 4] for i in range(4, len(s), 4))
        if style == "odd":
            return s[:4] + " " + self._odd(s[4:])
        raise ValueError(style)

    def rib(self, style="groups"):
        b, g, a, k = self._rib("20041" if style == "lbp" else None)
        if style == "lbp":  # La Banque Postale, written in groups
            style = "groups"
        if style == "groups":
            return "%s %s %s %s" % (b, g, a, k)
        if style == "labels":
            return "code banque %s code guichet %s n° de compte %s clé RIB %s" % (b, g, a, k)
        if style == "labels2":
            return "Code établissement : %s / Code guichet : %s / N° de compte : %s / Clé RIB : %s" % (b, g, a, k)
        if style == "slashes":
            return "%s/%s/%s/%s" % (b, g, a, k)
        if style == "abbr":
            return "bq %s gui %s cpte %s cle %s" % (b, g, a, k)
        if style == "compact":
            return b + g + a + k
        if style == "odd":
            return "%s %s %s %s %s %s" % (b, g, a[:3], a[3:7], a[7:], k)
        if style == "prose":
            return "banque %s, guichet %s, compte n° %s, clé %s" % (b, g, a, k)
        raise ValueError(style)

    def card(self, style="4x4"):
        visa, mastercard = ["4970", "4974", "4513", "4978", "4035"], ["5132", "5355", "5168"]
        prefix = self.r.choice(visa if style == "visa" else mastercard if style == "mc" else visa + mastercard)
        style = "4x4" if style in ("visa", "mc") else style
        s = luhn_complete(prefix + self.digits(11))
        assert luhn_ok(s) and len(s) == 16
        g = [s[i:i + 4] for i in range(0, 16, 4)]
        if style == "4x4":
            return " ".join(g)
        if style == "compact":
            return s
        if style == "dashes":
            return "-".join(g)
        if style == "dots":
            return ".".join(g)
        if style == "odd":
            return self._odd(s)
        if style == "pairs":
            return " ".join(s[i:i + 2] for i in range(0, 16, 2))
        if style == "fw":
            return self._fw(" ".join(g))
        raise ValueError(style)

    # ---- other identifiers
    def caf(self, style=None):
        s = self.digits(7)
        if style == "L":
            return s + self.r.choice("ABCDEFGHJK")
        if style == "sp":
            return s[0] + " " + s[1:4] + " " + s[4:]
        return s

    def agd(self, style=None):
        s = self.r.choice(["75", "93", "13", "69", "59", "99", "06", "92"]) + self.digits(8)
        if style == "sp":
            return " ".join(s[i:i + 2] for i in range(0, 10, 2))
        if style == "sp2":
            return s[:3] + " " + s[3:6] + " " + s[6:]
        return s

    def spi(self, style=None):
        s = self.r.choice("0123") + self.digits(12)
        if style == "sp":
            return "%s %s %s %s %s" % (s[:2], s[2:4], s[4:7], s[7:10], s[10:])
        return s


PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
PLACE_CATEGORY = {"nir": "Nir", "nirC": "Nir", "nir13": "Nir", "nirbad": "Nir", "iban": "Iban",
                  "rib": "Iban", "card": "PaymentCard", "caf": "Caf", "agd": "Agdref", "spi": "TaxId"}


def render(gen: Gen, template: str) -> str:
    def one(m):
        name, style = m.group(1), m.group(2)
        f = getattr(gen, name)
        return f(style) if style else f()
    return PLACEHOLDER.sub(one, template)

# --------------------------------------------------------------------------- validation

CHAIN = re.compile(r"\d(?:[ .\-/,_]*\d)*")


def chains(text):
    t = unicodedata.normalize("NFKC", text)
    return [re.sub(r"\D", "", m.group(0)) for m in CHAIN.finditer(t)]


def accidental(text, expected):
    """Identifiers that appear by chance where they are not expected (None when all is well)."""
    for d in chains(text):
        if "Nir" not in expected:
            for i in range(len(d) - 14):
                w = d[i:i + 15]
                if w[0] in "12" and (int(w[:13]) + int(w[13:])) % 97 == 0:
                    return "NIR-like window %s" % w
        if "PaymentCard" not in expected:
            for i in range(len(d) - 15):
                if luhn_ok(d[i:i + 16]):
                    return "Luhn-valid window %s" % d[i:i + 16]
        if not (set(expected) & set(IDENTIFIERS)) and len(d) > 14:
            return "long digit run in a sentence without identifier: %s" % d
    if "Iban" not in expected and re.search(r"\bFR\s?\d\d", text, re.I):
        return "FRnn in a sentence not expecting Iban"
    return None


def generate():
    rng = random.Random(SEED)
    gen = Gen(rng)
    out = {}
    for name, rows in (("corpus-outside.tsv", CORPUS), ("credentials-outside.tsv", CREDENTIALS)):
        lines = []
        for expected, template in rows:
            cats = [c for c in expected.split(",") if c]
            used = {PLACE_CATEGORY[m.group(1)] for m in PLACEHOLDER.finditer(template)
                    if m.group(1) in PLACE_CATEGORY}
            missing = used - set(cats)
            assert not missing, "template has %s but expects %r: %s" % (missing, expected, template)
            for _ in range(200):
                text = render(gen, template)
                if accidental(text, cats) is None:
                    break
            else:
                raise AssertionError("cannot render without accidents: %s (%s)" % (template, accidental(text, cats)))
            lines.append("%s\t%s" % (",".join(cats), text))
        out[name] = lines
    return out


def check(path, minimum, per_category_min=0):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    assert raw.endswith("\n"), path
    lines = raw.split("\n")[:-1]
    assert lines[0] == HEADER, "first line must be the comment header"
    counts = {c: 0 for c in CATEGORIES}
    clean, seen, n = 0, set(), 0
    for no, line in enumerate(lines[1:], 2):
        assert line.count("\t") == 1, "%s:%d: exactly one TAB expected" % (path, no)
        expected, text = line.split("\t")
        assert text.strip() == text and text, "%s:%d: empty or padded text" % (path, no)
        assert "\r" not in line
        cats = [c for c in expected.split(",") if c]
        assert len(cats) == len(set(cats)), "%s:%d: duplicate category" % (path, no)
        for c in cats:
            assert c in CATEGORIES, "%s:%d: unknown category %r" % (path, no, c)
            counts[c] += 1
        key = text.casefold()
        assert key not in seen, "%s:%d: duplicate text %r" % (path, no, text)
        seen.add(key)
        problem = accidental(text, cats)
        assert problem is None, "%s:%d: %s" % (path, no, problem)
        n += 1
        clean += not cats
    assert n >= minimum, "%s: %d sentences, %d required" % (path, n, minimum)
    for c in CATEGORIES:
        if per_category_min:
            assert counts[c] >= per_category_min, "%s: %s has %d sentences" % (path, c, counts[c])
    ident = sum(1 for line in lines[1:] if set(line.split("\t")[0].split(",")) & set(IDENTIFIERS))
    warn = n - clean - ident
    print("%s: %d sentences — clean %d (%.0f %%), with an identifier %d (%.0f %%), warnings only %d (%.0f %%)"
          % (os.path.basename(path), n, clean, 100 * clean / n, ident, 100 * ident / n, warn, 100 * warn / n))
    for c in CATEGORIES:
        if counts[c]:
            print("    %-16s %3d" % (c, counts[c]))
    return counts


def main():
    if "--check" not in sys.argv:
        out = generate()
        for name, lines in out.items():
            with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(HEADER + "\n")
                for line in lines:
                    f.write(line + "\n")
    check(os.path.join(HERE, "corpus-outside.tsv"), 420, 20)
    c = check(os.path.join(HERE, "credentials-outside.tsv"), 70)
    assert c["Credentials"] >= 30


if __name__ == "__main__":
    main()
