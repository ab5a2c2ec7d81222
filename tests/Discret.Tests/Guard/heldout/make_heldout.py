#!/usr/bin/env python3
"""Generator of the held-out corpus for the Discret "garde de sobriete".

Written only from the textual rule (no access to the guard's code, lexicons,
corpora or tests). Deterministic: fixed seed. Every identifier is computed
(NIR key, IBAN mod-97, RIB key, Luhn) and every line is validated:
  * exactly one TAB, known category names only, no duplicates;
  * sentences that must contain a valid identifier really contain one;
  * sentences that do NOT expect Nir / PaymentCard / Iban contain no valid
    NIR, Luhn card number, IBAN or RIB, even when digits are joined across
    separators (sliding windows over digit chains).

Usage: python3 make_heldout.py      (writes corpus-heldout.tsv,
        credentials-heldout.tsv and README.md next to this script)
"""
import os
import random
import re
import sys
import unicodedata
from collections import Counter

SEED = 4127
R = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))

CATS = ["Nir", "Caf", "Agdref", "Iban", "PaymentCard", "TaxId", "Credentials",
        "Health", "Judgement", "SpecialCategory", "Nationality", "Offence"]

# ---------------------------------------------------------------- helpers

def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def split_sizes(s, sizes):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    if i < len(s):
        out.append(s[i:])
    return [p for p in out if p]


def irregular_sizes(n, lo=2, hi=5):
    sizes = []
    while n > 0:
        k = min(n, R.randint(lo, hi))
        if 0 < n - k < lo:
            k = n
        sizes.append(k)
        n -= k
    return sizes


FW = {str(d): chr(0xFF10 + d) for d in range(10)}


def fullwidth(s):
    return "".join(FW.get(c, c) for c in s)

# ---------------------------------------------------------------- names

SYL = ["ba", "lo", "mi", "ra", "tu", "ne", "vo", "ka", "di", "sel", "mar", "ton",
       "vil", "ber", "gau", "lan", "tre", "por", "chi", "zou", "fa", "ri", "mo",
       "dal", "ven", "gui", "nar", "pel", "sor", "bru", "cal", "fon", "jou", "ler"]
END = ["", "", "", "ot", "ier", "and", "ac", "in", "eau", "ez", "ic"]


def surname():
    n = "".join(R.choice(SYL) for _ in range(R.choice([2, 2, 3]))) + R.choice(END)
    n = n.capitalize()
    return n.upper() if R.random() < 0.35 else n


def firstname():
    return ("".join(R.choice(SYL) for _ in range(2)) + R.choice(["a", "e", "o", "ie", "an", ""])).capitalize()

# ---------------------------------------------------------------- NIR

def nir_num13(body):
    b = body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]
    return int(b)


def gen_nir(kind="normal"):
    sex = R.choice("12") if kind != "temp" else R.choice("378")
    yy = "%02d" % R.randint(0, 99)
    r = R.random()
    if r < 0.85:
        mm = "%02d" % R.randint(1, 12)
    elif r < 0.93:
        mm = "%02d" % R.randint(20, 42)
    else:
        mm = "%02d" % R.randint(50, 99)
    if kind == "corse":
        dc = R.choice(["2A", "2B"]) + "%03d" % R.randint(1, 366)
    elif kind in ("etr", "temp"):
        dc = "99" + "%03d" % R.randint(100, 450)
    else:
        if R.random() < 0.12:
            dc = "97" + R.choice("123456") + "%02d" % R.randint(1, 34)
        else:
            d = R.choice([x for x in range(1, 96) if x != 20])
            dc = "%02d" % d + "%03d" % R.randint(1, 500)
    order = "%03d" % R.randint(1, 999)
    body = sex + yy + mm + dc + order
    key = 97 - nir_num13(body) % 97
    return body, "%02d" % key


NIR_STD = [1, 2, 2, 2, 3, 3, 2]


def fmt_nir(body, key, style=None):
    s = body + key
    style = style or R.choice(["std", "std", "compact", "dots", "dash", "slash", "comma",
                               "under", "irreg", "irreg", "fw", "keysep", "std2"])
    if style == "std":
        return " ".join(split_sizes(s, NIR_STD))
    if style == "std2":
        return "  ".join(split_sizes(s, NIR_STD))
    if style == "compact":
        return s
    if style == "dots":
        return ".".join(split_sizes(s, NIR_STD))
    if style == "dash":
        return "-".join(split_sizes(s, NIR_STD))
    if style == "slash":
        return "/".join(split_sizes(s, NIR_STD))
    if style == "comma":
        return ",".join(split_sizes(s, NIR_STD))
    if style == "under":
        return "_".join(split_sizes(s, NIR_STD))
    if style == "irreg":
        return " ".join(split_sizes(s, irregular_sizes(15)))
    if style == "fw":
        return fullwidth(R.choice([s, " ".join(split_sizes(s, NIR_STD))]))
    if style == "keysep":
        b = R.choice([body, " ".join(split_sizes(body, NIR_STD[:-1]))])
        sep = R.choice([" - ", " clé ", " cle ", " (", " / ", "-"])
        return b + sep + key + (")" if sep == " (" else "")
    raise ValueError(style)


def fmt_nir13(body):
    return R.choice([body, " ".join(split_sizes(body, NIR_STD[:-1])), ".".join(split_sizes(body, NIR_STD[:-1]))])


def bad_key(key):
    k = int(key)
    while True:
        b = R.randint(1, 97)
        if b != k:
            return "%02d" % b

# ---------------------------------------------------------------- Luhn / cards

def luhn_ok(s):
    tot = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def luhn_complete(p):
    for d in "0123456789":
        if luhn_ok(p + d):
            return p + d


def card_prefix(s):
    return s[0] == "4" or 51 <= int(s[:2]) <= 55 or 2221 <= int(s[:4]) <= 2720


def gen_card(kind=None):
    kind = kind or R.choice(["visa", "visa", "mc", "mc2"])
    if kind == "visa":
        p = "4" + digits(14)
    elif kind == "mc":
        p = str(R.randint(51, 55)) + digits(13)
    else:
        p = str(R.randint(2221, 2720)) + digits(11)
    return luhn_complete(p)


def fmt_card(s):
    st = R.choice(["4x4", "4x4", "compact", "dash", "irreg", "dots", "4x4b"])
    if st == "4x4":
        return " ".join(split_sizes(s, [4, 4, 4, 4]))
    if st == "4x4b":
        return "  ".join(split_sizes(s, [4, 4, 4, 4]))
    if st == "compact":
        return s
    if st == "dash":
        return "-".join(split_sizes(s, [4, 4, 4, 4]))
    if st == "dots":
        return ".".join(split_sizes(s, [4, 4, 4, 4]))
    return " ".join(split_sizes(s, R.choice([[6, 4, 6], [4, 6, 6], [2, 4, 4, 4, 2], [3, 3, 3, 3, 4], [8, 8]])))


def bad_card():
    s = gen_card()
    last = int(s[-1])
    return s[:-1] + str((last + R.randint(1, 9)) % 10)

# ---------------------------------------------------------------- IBAN / RIB

RIB_LETTERS = {}
for grp, val in [("AJ", 1), ("BKS", 2), ("CLT", 3), ("DMU", 4), ("ENV", 5), ("FOW", 6), ("GPX", 7), ("HQY", 8), ("IRZ", 9)]:
    for c in grp:
        RIB_LETTERS[c] = str(val)


def rib_key(bq, gui, acct):
    a = "".join(RIB_LETTERS.get(c, c) for c in acct.upper())
    return "%02d" % (97 - ((89 * int(bq) + 15 * int(gui) + 3 * int(a)) % 97))


def gen_rib():
    bq = R.choice(["30004", "30003", "20041", "10278", "16006", "11315", "30002", "18206", "17515", "13335", "40618", "10107"])
    if R.random() < 0.3:
        bq = digits(5)
    gui = digits(5)
    acct = digits(11)
    if R.random() < 0.25:
        pos = R.randint(0, 10)
        acct = acct[:pos] + R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + acct[pos + 1:]
    return bq, gui, acct, rib_key(bq, gui, acct)


def iban_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


def iban_valid(s):
    s = s.replace(" ", "").upper()
    t = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in t)) % 97 == 1


def letters(n):
    return "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))


def gen_bban(cc):
    if cc in ("FR", "MC"):
        bq, gui, acct, k = gen_rib()
        return bq + gui + acct + k
    if cc == "DE":
        return digits(18)
    if cc == "BE":
        b = digits(10)
        k = int(b) % 97 or 97
        return b + "%02d" % k
    if cc == "ES":
        return digits(20)
    if cc == "IT":
        return R.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") + digits(10) + digits(12)
    if cc == "PT":
        return digits(21)
    if cc == "NL":
        return R.choice(["INGB", "ABNA", "RABO", "TRIO"]) + digits(10)
    if cc == "GB":
        return R.choice(["BARC", "LOYD", "MIDL", "NWBK"]) + digits(14)
    if cc == "LU":
        return digits(3) + digits(13)
    if cc == "CH":
        return digits(17)
    if cc == "TN":
        return digits(20)
    if cc == "PL":
        return digits(24)
    if cc == "RO":
        return R.choice(["BTRL", "RNCB", "BRDE", "INGB"]) + digits(16)
    raise ValueError(cc)


def gen_iban(cc=None):
    cc = cc or R.choice(["FR"] * 8 + ["DE", "BE", "ES", "IT", "PT", "NL", "GB", "LU", "CH", "TN", "PL", "RO", "MC"])
    bban = gen_bban(cc)
    return cc + iban_check(cc, bban) + bban


def fmt_iban(s, style=None):
    style = style or R.choice(["g4", "g4", "g4", "compact", "lower", "lowc", "ccsep", "dash", "g4b"])
    g = " ".join(split_sizes(s, [4] * 9))
    if style == "g4":
        return g
    if style == "g4b":
        return "  ".join(split_sizes(s, [4] * 9))
    if style == "compact":
        return s
    if style == "lower":
        return g.lower()
    if style == "lowc":
        return s.lower()
    if style == "ccsep":
        return s[:2] + " " + s[2:4] + " " + " ".join(split_sizes(s[4:], [4] * 8))
    if style == "dash":
        return "-".join(split_sizes(s, [4] * 9))
    raise ValueError(style)


def fmt_rib(r, style=None):
    bq, gui, acct, k = r
    style = style or R.choice(["slash", "compact", "sp", "dash"])
    if style == "slash":
        return "/".join([bq, gui, acct, k])
    if style == "compact":
        return bq + gui + acct + k
    if style == "dash":
        return "-".join([bq, gui, acct, k])
    return " ".join([bq, gui, acct, k])

# ---------------------------------------------------------------- other ids

def gen_caf():
    s = str(R.randint(1, 9)) + digits(6)
    st = R.random()
    if st < 0.2:
        return s + R.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
    if st < 0.4:
        return s[0] + " " + s[1:4] + " " + s[4:]
    return s


def gen_agdref():
    s = str(R.randint(1, 9)) + digits(9)
    if R.random() < 0.25:
        return " ".join(split_sizes(s, R.choice([[2, 2, 2, 2, 2], [2, 4, 4], [5, 5]])))
    return s


def gen_spi():
    s = str(R.randint(0, 3)) + digits(12)
    st = R.random()
    if st < 0.45:
        return " ".join(split_sizes(s, [2, 2, 3, 3, 3]))
    if st < 0.55:
        return " ".join(split_sizes(s, [1, 2, 2, 2, 3, 3]))
    return s


PW_WORDS = ["Soleil", "chaton", "Papillon", "maison", "Lune", "printemps", "Tigre", "bonbon", "Etoile",
            "cerise", "Marmotte", "olive", "Pirate", "nuage", "Fraise", "corail", "Hibou", "cactus"]


def gen_pwd():
    st = R.random()
    if st < 0.55:
        return R.choice(PW_WORDS) + str(R.randint(1, 99) if R.random() < 0.5 else R.randint(1960, 2023)) + R.choice(["", "!", "*", "#", "$", "?"])
    if st < 0.8:
        alpha = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(R.choice(alpha) for _ in range(R.randint(8, 12)))
    return R.choice(PW_WORDS).lower() + R.choice([".", "_", "-"]) + surname().lower()[:5] + str(R.randint(1, 99))


DOMAINS = ["gmail.com", "hotmail.fr", "orange.fr", "laposte.net", "yahoo.fr", "free.fr", "outlook.fr", "sfr.fr"]


def gen_email():
    a, b = surname().lower(), firstname().lower()
    return R.choice([f"{b}.{a}", f"{a}.{b}{R.randint(1, 99)}", f"{b[0]}{a}{R.randint(60, 99)}", f"{a}{b}"]) + "@" + R.choice(DOMAINS)


def gen_login():
    a = surname().lower()
    return R.choice([f"{a}{R.randint(1, 99)}", f"{firstname().lower()[0]}.{a}", f"{a}_{R.randint(1970, 2005)}"])


MOIS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "décembre"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
VILLES = ["Saint-Denis", "Villeurbanne", "Montreuil", "Roubaix", "Vénissieux", "Aubervilliers", "Mulhouse", "Nanterre",
          "Besançon", "Limoges", "Saint-Étienne", "Béziers", "Creil", "Évry", "Tourcoing", "Vaulx-en-Velin"]


def gen_tel(mobile=None):
    mobile = R.random() < 0.7 if mobile is None else mobile
    first = R.choice(["06", "07"]) if mobile else R.choice(["01", "02", "03", "04", "05", "09"])
    s = first + digits(8)
    st = R.choice(["sp", "sp", "compact", "dots", "intl", "intlc", "dash"])
    if st == "sp":
        return " ".join(split_sizes(s, [2] * 5))
    if st == "compact":
        return s
    if st == "dots":
        return ".".join(split_sizes(s, [2] * 5))
    if st == "dash":
        return "-".join(split_sizes(s, [2] * 5))
    if st == "intl":
        return "+33 " + s[1] + " " + " ".join(split_sizes(s[2:], [2] * 4))
    return "+33" + s[1:]


def gen_date():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.randint(2023, 2025)
    st = R.choice(["full", "full", "short", "dots", "words", "dm", "dash"])
    if st == "full":
        return "%02d/%02d/%d" % (d, m, y)
    if st == "short":
        return "%02d/%02d/%02d" % (d, m, y % 100)
    if st == "dots":
        return "%02d.%02d.%d" % (d, m, y)
    if st == "words":
        return "%d %s" % (d, MOIS[m - 1])
    if st == "dash":
        return "%02d-%02d-%d" % (d, m, y)
    return "%d/%d" % (d, m)


def gen_dob():
    return "%02d/%02d/%d" % (R.randint(1, 28), R.randint(1, 12), R.randint(1950, 2006))


def gen_heure():
    h = R.randint(8, 18)
    return R.choice(["%dh" % h, "%dh%02d" % (h, R.choice([15, 30, 45])), "%dH%02d" % (h, R.choice([0, 30])), "%02d:%02d" % (h, R.choice([0, 15, 30]))])


def gen_eur():
    v = R.randint(20, 4500)
    c = R.randint(0, 99)
    st = R.choice(["e", "sp", "dec", "eu", "k"])
    if st == "e":
        return "%d €" % v
    if st == "sp":
        return ("%d %03d €" % (v // 1000, v % 1000)) if v >= 1000 else "%d€" % v
    if st == "dec":
        return "%d,%02d euros" % (v, c)
    if st == "eu":
        return "%de" % v
    return "%d euros" % v


def gen_cp():
    d = R.choice([x for x in range(1, 96) if x != 20])
    return "%02d%03d" % (d, R.choice([0, 100, 110, 120, 200, 300, 310, 400, 500, 600, 700]) + R.choice([0, 0, 1, 2, 10, 11]))


def gen_siren():
    return luhn_complete(str(R.randint(1, 9)) + digits(7))


def gen_siret():
    s = luhn_complete(gen_siren() + digits(4))
    return R.choice([s, s[:3] + " " + s[3:6] + " " + s[6:9] + " " + s[9:]])


def digicode():
    return R.choice([str(R.randint(1000, 9999)), R.choice("ABC") + str(R.randint(100, 9999)), str(R.randint(100, 9999)) + R.choice("AB")])


GEN = {
    "NOM": lambda c: surname(),
    "NOM2": lambda c: surname(),
    "PRENOM": lambda c: firstname(),
    "Mme": lambda c: R.choice(["Mme", "Mme", "Mme", "mme", "Madame", "MME", "Mme."]),
    "Mr": lambda c: R.choice(["Mr", "Mr", "M.", "Monsieur", "mr", "Mr.", "MR"]),
    "TEL": lambda c: gen_tel(),
    "TEL2": lambda c: gen_tel(False),
    "DATE": lambda c: gen_date(),
    "DATE2": lambda c: gen_date(),
    "DOB": lambda c: gen_dob(),
    "H": lambda c: gen_heure(),
    "H2": lambda c: gen_heure(),
    "EUR": lambda c: gen_eur(),
    "EUR2": lambda c: gen_eur(),
    "CP": lambda c: gen_cp(),
    "VILLE": lambda c: R.choice(VILLES),
    "MOIS": lambda c: R.choice(MOIS),
    "JOUR": lambda c: R.choice(JOURS),
    "AGE": lambda c: str(R.randint(19, 67)),
    "ENF": lambda c: str(R.randint(2, 6)),
    # --- identifiers
    "NIR": lambda c: fmt_nir(*c.nir()),
    "NIRFW": lambda c: fmt_nir(*c.nir(), style="fw"),
    "NIRCORSE": lambda c: fmt_nir(*c.nir("corse"), style=R.choice(["std", "compact", "dots", "irreg"])),
    "NIRETR": lambda c: fmt_nir(*c.nir("etr"), style=R.choice(["std", "compact", "dash", "irreg"])),
    "NIRTEMP": lambda c: fmt_nir(*c.nir("temp"), style=R.choice(["std", "compact", "std2", "slash"])),
    "NIR13": lambda c: fmt_nir13(c.nir()[0]),
    "NIRKEY": lambda c: c.nir()[1],
    "NIRBADKEY": lambda c: c.nirbad(),
    "NIRBAD": lambda c: c.nirbad(),
    "CAF": lambda c: gen_caf(),
    "CAFSP": lambda c: (lambda s: s[0] + " " + s[1:4] + " " + s[4:])(str(R.randint(1, 9)) + digits(6)),
    "AGDREF": lambda c: gen_agdref(),
    "IBAN": lambda c: fmt_iban(gen_iban()),
    "IBANFR": lambda c: fmt_iban(gen_iban("FR")),
    "IBANX": lambda c: fmt_iban(gen_iban(R.choice(["DE", "BE", "ES", "IT", "PT", "NL", "GB", "LU", "CH", "TN", "PL", "RO"]))),
    "IBANCOMPACT": lambda c: fmt_iban(gen_iban(), "compact"),
    "IBANLOW": lambda c: fmt_iban(gen_iban(), R.choice(["lower", "lowc"])),
    "IBANDASH": lambda c: fmt_iban(gen_iban(), "dash"),
    "IBANFRSP": lambda c: fmt_iban(gen_iban("FR"), "ccsep"),
    "BQ": lambda c: c.rib()[0],
    "GUI": lambda c: c.rib()[1],
    "CPTE": lambda c: c.rib()[2],
    "CLE": lambda c: c.rib()[3],
    "RIB": lambda c: fmt_rib(c.rib()),
    "RIBSLASH": lambda c: fmt_rib(c.rib(), "slash"),
    "RIBCOMPACT": lambda c: fmt_rib(c.rib(), "compact"),
    "RIBSP": lambda c: fmt_rib(c.rib(), "sp"),
    "CB": lambda c: fmt_card(gen_card()),
    "CBVISA": lambda c: fmt_card(gen_card("visa")),
    "CBMC": lambda c: fmt_card(gen_card(R.choice(["mc", "mc2"]))),
    "CBCOMPACT": lambda c: gen_card(),
    "CBBAD": lambda c: R.choice([lambda s: s, lambda s: " ".join(split_sizes(s, [4] * 4))])(bad_card()),
    "MMYY": lambda c: "%02d/%02d" % (R.randint(1, 12), R.randint(25, 30)),
    "SPI": lambda c: gen_spi(),
    "SPI2": lambda c: gen_spi(),
    "SPICOMPACT": lambda c: str(R.randint(0, 3)) + digits(12),
    "PWD": lambda c: gen_pwd(),
    "EMAIL": lambda c: gen_email(),
    "LOGIN": lambda c: gen_login(),
    "CODE6": lambda c: digits(6),
    "CODE8": lambda c: digits(8),
    "PIN4": lambda c: digits(4),
    "PIN6": lambda c: digits(6),
    "PUK": lambda c: digits(8),
    "FTID": lambda c: digits(7) + R.choice("ABCDEFGHJKLMNPRSTUVWXYZ"),
    "ACT": lambda c: " ".join(split_sizes("".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12)), [4, 4, 4])),
    "ANIMAL": lambda c: R.choice(["Caramel", "Filou", "Pompon", "Réglisse", "Noisette", "Biscotte", "Gribouille", "Câlin", "Moustache"]),
    "SECRET": lambda c: R.choice(["Besançon", "les Glycines", "Rouge", "Gaufrette", "Pimprenelle", "la Baule"]),
    # --- near misses
    "NUM4": lambda c: str(R.randint(1000, 9999)),
    "NUM5": lambda c: str(R.randint(10000, 99999)),
    "NUM7": lambda c: str(R.randint(1, 9)) + digits(6),
    "NUM10": lambda c: str(R.randint(1, 9)) + digits(9),
    "NUM12": lambda c: str(R.randint(1, 9)) + digits(11),
    "NUM13": lambda c: str(R.randint(1, 9)) + digits(12),
    "NUM14": lambda c: str(R.randint(1, 9)) + digits(13),
    "SIRET": lambda c: gen_siret(),
    "SIREN": lambda c: (lambda s: " ".join(split_sizes(s, [3, 3, 3])))(gen_siren()),
    "PDL": lambda c: R.choice(["0", "1", "2"]) + digits(13),
    "NUR": lambda c: "0%02d%02d%02d%06d" % (R.choice([x for x in range(1, 96) if x != 20]), R.randint(22, 25), R.randint(1, 12), R.randint(1, 999999)),
    "REFAVIS": lambda c: "%02d%02d%s%s" % (R.randint(22, 24), R.randint(1, 95), R.choice("ABCDEFGHJK"), digits(8)),
    "AMZ": lambda c: "40%d-%s-%s" % (R.randint(1, 9), digits(7), digits(7)),
    "SUIVI": lambda c: R.choice(["6A", "8R", "1L"]) + digits(11),
    "PLAQUE": lambda c: "%s-%03d-%s" % (letters(2), R.randint(1, 999), letters(2)),
    "DIGI": lambda c: digicode(),
    "APE": lambda c: R.choice(["8810A", "4711D", "5610A", "8121Z", "4941A", "8559A"]),
    "TIMBRE": lambda c: "1" + digits(15),
    "PREDEM": lambda c: "".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10)),
    "PASSPORT": lambda c: "%02d%s%05d" % (R.randint(10, 24), letters(2), R.randint(0, 99999)),
    "REFVIR": lambda c: "VIR" + "".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(9)),
}

# placeholders that must yield a detectable valid identifier
MUST = {
    "NIR": "nir", "NIRFW": "nir", "NIRCORSE": "nir", "NIRETR": "nir", "NIRTEMP": "nir",
    "IBAN": "iban", "IBANFR": "iban", "IBANX": "iban", "IBANCOMPACT": "iban", "IBANLOW": "iban",
    "IBANDASH": "iban", "IBANFRSP": "iban",
    "RIBSLASH": "rib", "RIBCOMPACT": "rib", "RIBSP": "rib", "RIB": "rib",
    "CB": "card", "CBVISA": "card", "CBMC": "card", "CBCOMPACT": "card",
}
# placeholders whose value must NOT be detectable (wrong checksum)
MUSTNOT = {"NIRBAD": "nir", "NIRBADKEY": "nir", "CBBAD": "card"}


class Ctx:
    def __init__(self):
        self._nir = None
        self._rib = None

    def nir(self, kind="normal"):
        if self._nir is None:
            self._nir = gen_nir(kind)
        return self._nir

    def rib(self):
        if self._rib is None:
            self._rib = gen_rib()
        return self._rib

    def nirbad(self):
        b, k = self.nir()
        return fmt_nir(b, bad_key(k), style=R.choice(["std", "compact", "std", "irreg", "dots"]))

# ---------------------------------------------------------------- detectors

IBAN_LEN = dict(AD=24, AE=23, AL=28, AT=20, AZ=28, BA=20, BE=16, BG=22, BH=22, BI=27, BR=29, BY=28, CH=21, CR=22,
                CY=28, CZ=24, DE=22, DJ=27, DK=18, DO=28, EE=20, EG=29, ES=24, FI=18, FK=18, FO=18, FR=27, GB=22,
                GE=22, GI=23, GL=18, GR=27, GT=28, HN=28, HR=21, HU=28, IE=22, IL=23, IQ=23, IS=26, IT=27, JO=30,
                KW=30, KZ=20, LB=28, LC=32, LI=21, LT=20, LU=20, LV=21, LY=25, MC=27, MD=24, ME=22, MK=19, MN=20,
                MR=27, MT=31, MU=30, NI=28, NL=18, NO=15, OM=23, PK=24, PL=28, PS=29, PT=25, QA=29, RO=24, RS=22,
                RU=33, SA=24, SC=31, SD=18, SE=24, SI=19, SK=24, SM=27, SO=23, ST=25, SV=28, TL=23, TN=24, TR=26,
                UA=29, VA=22, VG=24, XK=20, YE=30)


def norm(t):
    return unicodedata.normalize("NFKC", t)


def chains(t, alphabet, seps=r"[ .\-/,_()]{0,3}"):
    rx = re.compile(r"\d(?:%s[%s])*" % (seps, alphabet))
    out = []
    for m in rx.finditer(t):
        out.append(re.sub(r"[^%s]" % alphabet, "", m.group(0)))
    return out


def nir_window_ok(w):
    if not re.fullmatch(r"[1-8]\d{4}(?:\d\d|2A|2B)\d{8}", w):
        return False
    mm = int(w[3:5])
    if mm == 0 or 13 <= mm <= 19 or 43 <= mm <= 49:
        return False
    return 97 - nir_num13(w[:13]) % 97 == int(w[13:])


def find_nir(t):
    for ch in chains(norm(t), "0-9AB"):
        for i in range(len(ch) - 14):
            if nir_window_ok(ch[i:i + 15]):
                return True
    return False


def find_card(t):
    for ch in chains(norm(t), "0-9"):
        for i in range(len(ch) - 15):
            w = ch[i:i + 16]
            if card_prefix(w) and luhn_ok(w):
                return True
    return False


def find_rib(t):
    for ch in chains(norm(t), "0-9A-Z"):
        for i in range(len(ch) - 22):
            w = ch[i:i + 23]
            if re.fullmatch(r"\d{10}[0-9A-Z]{11}\d{2}", w) and sum(c.isalpha() for c in w) <= 1:
                if rib_key(w[:5], w[5:10], w[10:21]) == w[21:]:
                    return True
    return False


def find_iban(t):
    u = norm(t).upper()
    for m in re.finditer(r"(?<![A-Z])([A-Z]{2})[ \-]?(\d{2})", u):
        cc = m.group(1)
        if cc not in IBAN_LEN:
            continue
        need = IBAN_LEN[cc] - 4
        got = []
        for ch in u[m.end():]:
            if len(got) == need:
                break
            if ch.isascii() and ch.isalnum():
                got.append(ch)
            elif ch in " -.":
                continue
            else:
                break
        if len(got) < need:
            continue
        bban = "".join(got)
        if sum(c.isalpha() for c in bban) > 4:
            continue
        if iban_valid(cc + m.group(2) + bban):
            return True
    return False

# ---------------------------------------------------------------- noise

def strip_accents(s):
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s)
                                                 if not unicodedata.combining(c) or c in "\u0338"))


def noise(s):
    if R.random() < 0.22:
        s = strip_accents(s)
    if R.random() < 0.2 and len(s) > 1 and s[0].isupper() and s[1].islower():
        s = s[0].lower() + s[1:]
    return s

# ---------------------------------------------------------------- templates
# Format of a line:  EXPECTED§COUNT§TEMPLATE   (EXPECTED may be empty = clean)

# ---- main corpus templates (hand-written)
MAIN = r"""
# ================= Nir
Nir§2§{Mme} {NOM} reçue ce jour, NIR {NIR}, dossier CSS à compléter
Nir§2§n° secu de {Mr} : {NIR}
Nir§1§num secu {NIR} (à vérifier sur l'attestation)
Nir§2§numéro de sécurité sociale de la fille aînée : {NIR}
Nir§1§carte vitale perdue, n° {NIR}, duplicata demandé en ligne
Nir§1§{NIR} = n° SS de monsieur, recopié depuis le cerfa
Nir§1§{Mr} ne connait pas son n° de secu par coeur, retrouvé sur un vieux courrier CPAM : {NIR}
Nir§1§secu {NIR13}
Nir§1§NIR du conjoint {NIR13} (clé manquante sur la copie)
Nir§1§immatriculation provisoire obtenue pour {Mme}, numéro {NIRTEMP}
Nir§1§NIR attribué par le SANDIA : {NIRETR}
Nir§1§née à Ajaccio, secu {NIRCORSE}
Nir§1§n° de sécu avec erreur de saisie sur le formulaire : {NIRBADKEY}
Nir§1§NIR {NIRBADKEY} (la clé est peut-être mal recopiée)
Nir,Health§1§grossesse déclarée à la CPAM, num SS {NIR}
Nir§1§renseigné sur le cerfa : {NIR}
Nir,Nationality§1§{Mr} {NOM}, demandeur d'asile, n° secu provisoire {NIRTEMP}
Nir,Caf§1§n° alloc {CAF} / n° ss {NIR}
Nir§1§on a recopié le numéro de sécu (15 chiffres) : {NIR}
Nir§1§attestation de droits imprimée - NIR {NIR} - droits ouverts jusqu'au {DATE}
Nir§1§tel {TEL} secu {NIR}
Nir§1§mr na pas sa carte vitale sur lui mais donne son numero: {NIR}
Nir§1§Numéro d'inscription au répertoire : {NIR}
Nir§1§renouvellement C2S, ref assuré {NIR}
Nir,Health§1§AAH : dossier MDPH transmis avec le n° de sécurité sociale {NIR}
Nir§1§num SS: {NIR13} clé {NIRKEY}
Nir§1§NIR {NIR13} ({NIRKEY})
Nir§1§sécu: {NIR13} - {NIRKEY}
Nir§1§carte vitale {NIR13}
Nir§1§mutuelle résiliée, N° SS du conjoint {NIR}
Nir§1§pour le dossier retraite, {Mr} communique son n° d'assuré social {NIR}
Nir§1§copié depuis le PDF de la CPAM : {NIRFW}
Nir,Judgement§1§{Mr} de mauvaise volonté, refuse de donner son NIR, finalement retrouvé : {NIR}
Nir§1§Nss {NIR}
Nir§1§no de secu sociale de l'enfant {NIR13} cle {NIRKEY}
Nir§1§enfant rattaché sur la carte vitale de la mère, n° {NIR}
# ================= Caf
Caf§2§{Mme} {NOM} - n° allocataire {CAF} - RDV le {DATE}
Caf§1§num alloc {CAF}, droits RSA suspendus depuis {MOIS}
Caf§1§alloc n° {CAF} : APL versée directement au bailleur
Caf§1§matricule CAF de {Mme} : {CAF}, à joindre à la demande FSL
Caf§1§dossier CAF n° {CAF} en cours de réexamen
Caf§1§n° CAF {CAF} - ne perçoit plus la prime d'activité
Caf§1§n° d'allocataire MSA {CAF}
Caf§1§appel caf ce jour avec {Mme}, son numéro allocataire est le {CAF}
Caf§1§N°ALLOC:{CAF}
Caf§1§num allocataire {CAFSP}
Caf,Nationality§1§{Mme} réfugiée, ouverture des droits caf, n° allocataire {CAF}
Caf,Health§1§AEEH pour le fils, dossier caf n° {CAF}
Caf,Credentials§1§{Mme} me dicte son numéro d'allocataire {CAF} et son code caf.fr {CODE8}
Caf§1§attestation de paiement, allocataire n° {CAF}, {EUR} de RSA
Caf§1§courrier caf (n° allocataire {CAF}) concernant un indu de {EUR}
Caf§1§n° d'alloc : {CAF} ; tel : {TEL}
Caf§1§{Mme} a retrouvé son numéro CAF : {CAF}
Caf§1§numéro allocataire {CAF} - rdv travailleur social caf le {DATE} à {H}
Caf§1§no alloc {CAF}
Caf,Judgement§1§{Mr} incapable de ranger ses papiers, n° allocataire {CAF} retrouvé sur un vieux courrier
Caf§1§signalement indu : N° allocataire CAF {CAF}
Caf§1§changement de situation déclaré, num d'allocataire {CAF}
Caf§1§matricule caf {CAFSP} (noté sur l'attestation de quotient familial)
# ================= Agdref
Agdref§2§titre de séjour n° {AGDREF} valable jusqu'au {DATE}
Agdref§1§{Mr} {NOM}, AGDREF {AGDREF}, RDV préfecture le {DATE}
Agdref,Nationality§1§n° étranger {AGDREF}, {Mme} sous récépissé depuis {MOIS}
Agdref§1§récépissé n° {AGDREF}, renouvelé jusqu'au {DATE2}
Agdref§1§numero etranger : {AGDREF}
Agdref§1§copie du titre de séjour (n°{AGDREF}) transmise au bailleur
Agdref,Nationality§1§{Mr} ivoirien, titre de séjour n° {AGDREF} expiré depuis {MOIS}
Agdref,Nationality§1§{Mme} bénéficiaire de la protection subsidiaire, n° AGDREF {AGDREF}
Agdref§1§n° d'étranger {AGDREF} à reporter sur le dossier CAF
Agdref,Offence§1§{Mr} sorti de détention, titre de sejour n° {AGDREF} à renouveler
Agdref§1§ANEF : numéro étranger {AGDREF}, demande déposée en ligne
Agdref§1§Titre de séjour N°{AGDREF}
Agdref,Credentials§1§compte ANEF : n° étranger {AGDREF}, mot de passe {PWD}
Agdref§1§num AGDREF {AGDREF} relevé sur le titre
Agdref§1§recepisse n°{AGDREF} valable 6 mois
Agdref§1§{Mme} {NOM} - AGDREF {AGDREF} - tel {TEL}
Agdref,Nationality§1§{Mr} de nationalité sénégalaise, n° etranger {AGDREF}
Agdref§1§photocopie recto verso du titre de séjour n° {AGDREF} faite à l'accueil
Agdref,Nationality§1§demande d'asile en procédure normale, récépissé n° {AGDREF}
Agdref§1§agdref:{AGDREF}
Agdref§1§le n° etranger ({AGDREF}) figure en haut de la convocation
# ================= Iban
Iban§2§RIB fourni pour le prélèvement du loyer : IBAN {IBAN}
Iban§1§coordonnées bancaires de {Mme} : {IBANFR}
Iban§1§virement de l'aide à faire sur iban {IBANLOW}
Iban§1§compte ouvert à l'étranger : {IBANX}
Iban§1§{Mr} souhaite que l'aide soit versée sur le compte de sa soeur, {IBAN}
Iban§1§RIB : banque {BQ} guichet {GUI} compte {CPTE} clé {CLE}
Iban§1§bq {BQ} gui {GUI} cpte {CPTE} cle {CLE}
Iban§1§rib {RIBSLASH}
Iban§1§n° de compte complet communiqué par la banque postale : {RIBCOMPACT}
Iban§1§IBAN sur le formulaire FSL : {IBANDASH}
Iban§1§coordonnées bancaires {IBANFRSP}
Iban,Caf§1§n° allocataire {CAF}, RIB à mettre à jour : {IBAN}
Iban§1§ancien compte clôturé, nouvel IBAN {IBAN}
Iban,Credentials§1§banque en ligne : identifiant {NUM10}, code secret {PIN6}, IBAN {IBAN}
Iban§1§virement de {EUR} effectué sur {IBAN}
Iban,Nationality§1§{Mr} demandeur d'asile, compte Nickel ouvert : {IBANFR}
Iban§1§compte Nickel : {IBANFR}
Iban§1§RIB du propriétaire {RIBSP}
Iban§1§code banque {BQ} / code guichet {GUI} / n° compte {CPTE} / clé {CLE}
Iban§1§IBAN: {IBANCOMPACT}
Iban§1§envoi au créancier de l'IBAN de {Mr} ({IBAN}) pour l'échéancier
Iban§1§prélèvement EDF rejeté, iban {IBAN}
Iban,Health§1§IBAN pour le versement de l'AAH : {IBAN}
Iban§1§rib banque postale {RIBSP}
Iban§1§coordonnées bancaires: établissement {BQ}, guichet {GUI}, compte n°{CPTE}, clé rib {CLE}
Iban§1§{Mme} {NOM} {IBAN}
Iban§1§virement du salaire sur {RIB}
Iban§1§aide du FAJ versée sur le compte du jeune {IBAN}
# ================= PaymentCard
PaymentCard§2§{Mme} a fait opposition sur sa carte {CB}
PaymentCard§1§n° de CB {CB} exp {MMYY}
PaymentCard§1§paiement de la facture en ligne avec la carte de {Mr} {CB}
PaymentCard§1§carte visa {CBVISA}
PaymentCard§1§carte mastercard {CBMC}
PaymentCard§1§num carte recopié sur le bon de commande : {CB}
PaymentCard,Nationality§1§carte ADA (allocation pour demandeur d'asile) n° {CB}
PaymentCard,Credentials§1§carte {CB} code pin {PIN4}
PaymentCard§1§numéro de carte bleue {CB}
PaymentCard§1§CB:{CBCOMPACT}
PaymentCard§1§{Mme} a réglé l'acompte de {EUR} avec la carte {CB}
PaymentCard§1§relevé bancaire : paiement carte {CB} le {DATE}
PaymentCard,Judgement§1§{Mr} dépensier et irresponsable, carte {CB} utilisée pour des achats en ligne
PaymentCard§1§carte de crédit {CB} à résilier (crédit renouvelable)
PaymentCard§1§la fille a noté le n° de carte de sa mère {CB}
PaymentCard§1§carte Nickel {CB} bloquée
PaymentCard§1§n° carte : {CB} / titulaire : {NOM}
PaymentCard§1§paiement cantine en ligne refusé, carte {CB}
PaymentCard§1§{CB}
PaymentCard§1§carte prépayée rechargée de {EUR}, n° {CBVISA}
PaymentCard§1§débit contesté sur la CB {CBMC}
# ================= TaxId
TaxId§2§numéro fiscal de {Mme} : {SPI}, avis d'imposition à demander
TaxId§1§n° fiscal {SPI}
TaxId§1§identifiant fiscal {SPI}
TaxId§1§SPI {SPI}
TaxId§1§num fiscal du couple {SPI}
TaxId§1§avis de non-imposition, n° fiscal {SPI}, revenu fiscal de référence {EUR}
TaxId,Credentials§1§impots.gouv : numero fiscal {SPI} + mot de passe {PWD}
TaxId§1§SPI: {SPICOMPACT}
TaxId§1§numéro fiscal {SPI} relevé sur la taxe foncière
TaxId§1§identifiant fiscal (SPI) {SPI}
TaxId§1§déclaration de revenus en ligne à faire, n° fiscal de {Mr} {SPI}
TaxId,Nationality§1§{Mme} réfugiée, première déclaration, numéro fiscal attribué {SPI}
TaxId§1§n°fiscal:{SPICOMPACT}
TaxId§1§SPI conjoint {SPI}, SPI {Mme} {SPI2}
TaxId§1§identifiant fiscal de l'enfant majeur : {SPI}
TaxId§1§mise à jour de la situation sur impots.gouv, numero fiscal {SPI}
TaxId§1§n° fiscal à 13 chiffres : {SPI}
TaxId,Health§1§demande de demi-part pour invalidité, n° fiscal {SPI}
TaxId§1§numéro SPI du foyer : {SPI}
TaxId§1§courrier du SIP, identifiant fiscal {SPI}
TaxId§1§num fiscal {SPICOMPACT} (voir en haut à gauche de l'avis)
# ================= Credentials
Credentials§1§compte ameli créé, mdp : {PWD}
Credentials§1§mot de passe caf {PWD} noté dans le dossier à sa demande
Credentials§1§France Travail identifiant {FTID} / mot de passe {PWD}
Credentials§1§login {EMAIL} mdp {PWD}
Credentials§1§boite mail : {EMAIL} / {PWD}
Credentials§1§code de vérification FranceConnect reçu sur le portable : {CODE6}
Credentials§1§code reçu par texto pour valider le compte : {CODE6}
Credentials§1§code PIN du téléphone de {Mme} : {PIN4}
Credentials§1§réponse à la question secrète du compte : {ANIMAL}
Credentials§1§mot de passe provisoire ameli {PWD}
Credentials§1§{Mme} note ses codes dans un carnet, impots : {PWD}
Credentials§1§code confidentiel CAF {CODE8}
Credentials§1§code de déverrouillage du portable {PIN6}
Credentials§1§code d'accès à l'espace locataire : {PWD}
Credentials§1§pass : {PWD}
Credentials§1§MDP={PWD}
Credentials§1§le mot de passe c'est {PWD}
Credentials§1§code secret de la carte bancaire donné au fils : {PIN4}
Credentials§1§mot de passe messagerie {PWD}
Credentials§1§code d'activation impots reçu par courrier : {ACT}
Credentials,Health§1§espace ameli (suivi du diabète) : mdp {PWD}
Credentials§1§id : {LOGIN} pwd : {PWD}
Credentials§1§pour l'appli de la banque le code est {PIN6}
Credentials§1§{Mr} a changé son mot de passe, nouveau : {PWD}
# ================= Health
Health§1§{Mme} suivie au CMP pour dépression depuis {MOIS}
Health§1§{Mr} sous traitement méthadone, suivi CSAPA
Health§1§enfant autiste, AEEH demandée
Health§1§{Mme} attend son 3e enfant, terme prévu en {MOIS}
Health§1§hospitalisation en psychiatrie du {DATE} au {DATE2}
Health§1§{Mr} diabétique insulino-dépendant, difficultés à gérer ses injections
Health§1§RQTH obtenue, orientation ESAT envisagée
Health§1§taux d'incapacite reconnu entre 50 et 79%
Health§1§{Mme} touche l'AAH depuis 2019
Health§1§PCH aide humaine accordée pour la mère
Health§1§alcoolodépendance ancienne, sevrage fait en hôpital de jour
Health§1§{Mr} en fauteuil roulant suite à un AVC
Health§1§chimiothérapie en cours, {Mme} très fatiguée
Health§1§schizophrénie stabilisée sous traitement
Health§1§IVG réalisée le mois dernier
Health§1§séropositif, suivi en infectiologie
Health§1§fils suivi en CMPP pour troubles du comportement
Health§1§TS en {MOIS}, hospitalisé 3 jours
Health§1§consommation de cannabis quotidienne reconnue par {Mr}
Health§1§trouble bipolaire diagnostiqué, ne prend pas toujours son lithium
Health§1§{Mme} en dialyse 3 fois par semaine
Health§1§grossesse à risque, alitée jusqu'à l'accouchement
Health§1§{Mr} sourd, communication par écrit
Health§1§ALD pour cancer, prise en charge à 100%
Health§1§addiction aux jeux d'argent, dettes importantes
Health§1§arret maladie prolongé suite à un burn out
Health§1§hépatite C traitée l'an dernier
Health§1§suivi psy + antidépresseurs
Health§1§{Mme} malvoyante, carte mobilité inclusion mention invalidité
Health§1§fille trisomique scolarisée en IME
Health§1§{Mr} sortant d'HP, en attente de place en foyer
Health§1§la petite a un asthme sévère, logement humide à signaler
Health§1§{Mme} présente un syndrome de stress post-traumatique
Health§1§substitution par subutex, pharmacie de {VILLE}
Health§1§enceinte de 5 mois, suivi par la sage-femme de PMI
Health§1§{Mr} a fait un infarctus en {MOIS}, convalescence
# ================= Judgement
Judgement§1§{Mme} c'est un vrai cas soc, rien à en tirer
Judgement§1§individu marginal, vit au jour le jour sans projet
Judgement§1§famille très peu coopérante avec les services
Judgement§1§mère incapable de poser un cadre aux enfants
Judgement§1§{Mr} est fainéant, ne cherche pas de travail
Judgement§1§{Mme} manipulatrice, joue sur les deux tableaux
Judgement§1§jeune pas du tout motivé par la formation proposée
Judgement§1§mauvaise mère selon la voisine
Judgement§1§profiteur du système, demande tout et n'importe quoi
Judgement§1§{Mme} ment constamment, grosse menteuse
Judgement§1§personnage instable et immature
Judgement§1§{Mr} est un assisté qui attend tout des aides
Judgement§1§père irresponsable et démissionnaire
Judgement§1§{Mme} hystérique à l'accueil, a crié sur la secrétaire
Judgement§1§logement d'une saleté repoussante, {Mme} est sale et négligée
Judgement§1§cas désespéré, irrécupérable
Judgement§1§{Mr} pas très malin, ne comprend rien à rien
Judgement§1§de mauvaise foi comme d'habitude
Judgement§1§{Mme} se complaît dans sa situation
Judgement§1§feignasse selon ses propres enfants
Judgement§1§parents nuls, aucun investissement
Judgement§1§{Mr} fait son cinéma pour obtenir des aides
Judgement§1§{Mme} est une pleureuse, toujours à se plaindre
Judgement§1§jeune insolent et ingérable
Judgement§1§famille à problèmes bien connue du quartier
Judgement§1§{Mr} est un parasite, vit aux crochets de sa mère
# ================= SpecialCategory
SpecialCategory§1§{Mme} musulmane pratiquante, porte le voile
SpecialCategory§1§famille issue de la communauté des gens du voyage, stationne sur l'aire de {VILLE}
SpecialCategory§1§{Mr} est témoin de Jéhovah, ne fête pas les anniversaires
SpecialCategory§1§{Mr} fait le ramadan, RDV à décaler en fin de matinée
SpecialCategory§1§famille rom hébergée en bidonville
SpecialCategory§1§{Mme} d'origine maghrébine
SpecialCategory§1§{Mr} homosexuel, rejeté par sa famille
SpecialCategory§1§militant CGT, délégué syndical dans son entreprise
SpecialCategory§1§va à la messe tous les dimanches, très croyante
SpecialCategory§1§{Mr} juif orthodoxe, ne peut pas venir le samedi
SpecialCategory§1§{Mme} vit en couple avec une femme depuis 5 ans
SpecialCategory§1§{Mr} adhérent du parti communiste, très engagé politiquement
SpecialCategory§1§famille manouche, vit en caravane
SpecialCategory§1§jeune femme d'origine africaine subsaharienne
SpecialCategory§1§{Mr} bisexuel, a fait son coming out récemment
SpecialCategory§1§{Mme} est yéniche, famille installée sur un terrain familial
SpecialCategory§1§{Mr} bouddhiste, végétarien pour raisons religieuses
SpecialCategory§1§évangélique, très impliquée dans son église
SpecialCategory§1§{Mme} vote RN et le dit à tout le monde
SpecialCategory§1§{Mr} syndiqué chez FO, conflit avec son employeur
SpecialCategory§1§jeune converti à l'islam récemment
SpecialCategory§1§famille tsigane
SpecialCategory§1§{Mme} d'origine kurde
SpecialCategory§1§{Mr} ne mange pas de porc pour des raisons religieuses, à signaler à la cantine
SpecialCategory§1§{Mme} est lesbienne et l'a dit spontanément lors de l'entretien
# ================= Nationality
Nationality§1§{Mr} de nationalité marocaine, en France depuis 2015
Nationality§1§{Mme} algérienne, mariée à un Français
Nationality§1§famille demandeuse d'asile hébergée au CADA
Nationality§1§réfugié statutaire depuis {MOIS}
Nationality§1§débouté du droit d'asile, recours CNDA rejeté
Nationality§1§{Mr} sans papiers, hébergé chez un cousin
Nationality§1§{Mme} en situation irreguliere depuis l'expiration de son titre
Nationality§1§{Mr} sous OQTF depuis {MOIS}
Nationality§1§jeune dubliné, transfert vers l'Italie prévu
Nationality§1§{Mr} apatride reconnu par l'OFPRA
Nationality§1§{Mme} naturalisée française en 2018
Nationality§1§accueil d'un MNA de 16 ans
Nationality§1§mineur non accompagné guinéen pris en charge par l'ASE
Nationality§1§{Mme} roumaine, droit au séjour à vérifier
Nationality§1§{Mr} ivoirien, arrivé en France il y a 2 ans
Nationality§1§double nationalité franco-tunisienne
Nationality§1§ressortissant malien, carte de résident 10 ans
Nationality§1§bénéficiaire de la protection subsidiaire depuis {MOIS}
Nationality§1§famille albanaise arrivée récemment
Nationality§1§{Mme} est chinoise, parle peu le français
Nationality§1§{Mr} syrien, statut de réfugié obtenu
Nationality§1§en attente de régularisation par le travail
Nationality§1§{Mme} non européenne, pas de droit au RSA avant 5 ans de séjour régulier
Nationality§1§nationalité : comorienne
Nationality§1§{Mme} de nationalité française
Nationality§1§{Mr} est turc, son épouse est restée au pays
# ================= Offence
Offence§1§{Mr} sorti de prison le {DATE}, hébergé chez sa mère
Offence§1§garde a vue la semaine derniere pour conduite sans permis
Offence§1§condamné à 6 mois avec sursis
Offence§1§porte un bracelet électronique jusqu'en {MOIS}
Offence§1§suivi par le SPIP, CPIP Mme {NOM}
Offence§1§TIG à effectuer à la mairie (70h)
Offence§1§{Mr} sous contrôle judiciaire, pointage au commissariat
Offence§1§casier judiciaire chargé, difficultés pour trouver un emploi
Offence§1§fils incarcéré à la maison d'arrêt
Offence§1§{Mr} a purgé une peine pour trafic de stupéfiants
Offence§1§libération conditionnelle accordée par le JAP
Offence§1§comparution immédiate prévue le {DATE}
Offence§1§mis en examen pour violences conjugales
Offence§1§{Mme} condamnée pour vol à l'étalage
Offence§1§détention provisoire depuis 3 mois
Offence§1§ancien détenu, réinsertion difficile
Offence§1§sursis probatoire avec obligation de travail
Offence§1§{Mr} a fait de la prison pour escroquerie
Offence§1§stage de citoyenneté ordonné par le tribunal correctionnel
Offence§1§placé sous surveillance électronique
Offence§1§{Mr} sort de centre de détention, aucune ressource
Offence§1§jeune suivi par la PJJ suite à des dégradations
Offence§1§{Mr} connu des services de police pour violences, rappel à la loi
Offence§1§cambriolage chez {Mme}, plainte déposée au commissariat
# ================= multi-label lexical
Health,Judgement§1§{Mme} alcoolique et incapable de s'occuper de ses enfants
Health,Offence§1§{Mr} incarcéré, suivi psychiatrique en détention
Health,Nationality§1§{Mme} demandeuse d'asile enceinte de 7 mois
Judgement,SpecialCategory§1§famille de gens du voyage, toujours des histoires avec eux
Nationality,Offence§1§{Mr} en situation irrégulière, sort de garde à vue
Judgement,Offence§1§délinquant notoire, aucune volonté de s'en sortir
Health,SpecialCategory§1§{Mr} musulman, diabète déséquilibré pendant le ramadan
Judgement,Nationality§1§{Mme} congolaise, très manipulatrice
Health,Offence§1§obligation de soins en addictologie suite à une condamnation pour conduite en état d'ivresse
Nationality,SpecialCategory§1§{Mr} afghan d'ethnie hazara
Health,Judgement,Offence§1§{Mr} toxicomane sortant de prison, irrécupérable selon l'éducateur
Nir,Iban§1§dossier de surendettement : NIR {NIR}, IBAN {IBAN}
Iban,PaymentCard§1§nouvelle carte {CB} rattachée au compte {IBAN}
Caf,Nir§1§alloc {CAF} secu {NIR}
Nationality,SpecialCategory§1§réfugiée tchétchène, pratiquante
# ================= clean: contact, dates, amounts
§2§{Mme} {NOM} rappelée au {TEL}, pas de réponse, message laissé
§2§RDV fixé le {DATE} à {H} au CCAS
§1§VAD prévue {JOUR} à {H}, code de l'immeuble {DIGI}, 3e étage gauche
§2§tel portable : {TEL}
§1§{Mr} joignable au {TEL} ou au {TEL2} (fixe)
§2§facture EDF n° {NUM10} de {EUR}, échéancier demandé
§2§contrat d'assurance habitation n° {NUM7}
§1§dossier FSL n° {NUM7} passé en commission le {DATE}
§2§demande de logement social n° {NUR} renouvelée
§2§SIRET de l'employeur : {SIRET}
§1§PDL {PDL} - compteur coupé depuis {JOUR}
§1§n° de PCE gaz {PDL}
§2§déménagement prévu à {VILLE} ({CP})
§1§montant du loyer résiduel : {EUR}
§2§dette locative de {EUR} au {DATE}
§2§ref dossier surendettement {NUM13}
§2§n° de facture {NUM14}
§2§colis numéro {NUM13} à retirer au relais
§1§n° de contrat eau {NUM10}
§1§numéro client SFR {NUM10}
§1§référence de l'avis d'imposition {REFAVIS}
§1§numéro de dossier MDPH {NUM10}, à compléter
§1§n° de téléphone du bailleur {TEL2}
§1§série inscrite sur le ticket de caisse : {NIRBAD}
§1§n° de suivi de la commande {CBBAD}
§1§numero de bon de commande {CBBAD}
§1§{Mme} ne retrouve pas son numéro fiscal, on demandera au SIP
§1§pas encore de n° de sécu, demande d'immatriculation en cours
§1§{Mme} doit demander son RIB à la banque
§1§carte bancaire avalée par le distributeur, {Mme} doit rappeler sa banque
§1§n° allocataire à retrouver sur un courrier CAF
§1§{Mme} prend des cours de français au centre social le mardi
§1§{Mr} a eu le code de la route, permis en cours
§1§sortie au restaurant libanais avec le groupe d'entraide
§1§séjour au Portugal pendant les vacances scolaires
§1§courrier du syndic de copropriété concernant les charges
§1§audience devant le juge aux affaires familiales le {DATE} pour la garde
§1§garde alternée une semaine sur deux
§1§la porte du cellier est condamnée depuis les travaux
§1§{Mme} a acheté une enceinte connectée à crédit
§1§{Mr} très motivé pour reprendre une formation de cariste
§1§{Mme} coopérante, tous les justificatifs fournis
§1§orientation vers la PMI pour la pesée du bébé
§1§dossier MDPH : formulaire récupéré à l'accueil
§1§le fils passe son bac pro en juin
§1§{Mme} a retrouvé un emploi d'aide à domicile, CDD de 6 mois
§1§{Mr} n'a plus de crédit sur son téléphone, difficile à joindre
§1§retour de vacances retardé, vol annulé
§1§{Mme} peine à boucler ses fins de mois
§1§l'enfant a été sanctionné au collège pour des retards
§1§{Mr} travaille comme agent d'entretien à la maison d'arrêt
§1§{Mme} agent de service à l'hôpital de {VILLE}
§1§réunion au centre social pour la fête de quartier
§1§les Restos du coeur ont fourni un colis
§1§orientation vers le Secours catholique pour l'aide alimentaire
§1§{Mme} participe à l'atelier cuisine du monde
§1§{Mr} est parti en vacances chez sa soeur
§1§jardin partagé : {Mme} pratique le jardinage tous les samedis
§1§attestation d'hébergement à fournir pour la mairie
§1§l'aînée veut devenir infirmière
§1§{Mme} bénéficie de la complémentaire santé solidaire
§1§renouvellement de la carte vitale, photo à fournir
§1§{Mr} a oublié son mot de passe impots, réinitialisation faite avec lui
§1§aide à la connexion sur le site de la CAF, {Mme} saisit elle-même ses codes
§1§code postal erroné sur l'attestation, corrigé
§1§le digicode a changé, nouveau code à demander au gardien
§1§famille nombreuse, {ENF} enfants de 2 à 14 ans
§1§dette de cantine de {EUR}, plan d'apurement sur 6 mois
§2§loyer {EUR} charges comprises, APL {EUR2}
§1§{Mme} très investie dans ses démarches, ponctuelle aux RDV
§1§{Mr} calme et respectueux lors de l'entretien
§1§n° de la référente ASE : {TEL}
§2§{Mme} {NOM} née le {DOB}
§1§entrée dans le logement le {DATE}, état des lieux fait
§1§SIREN de l'association {SIREN}
§1§n° de dossier retraite complémentaire {NUM10}
§1§bail n° {NUM14}
§1§{Mme} a reçu un SMS suspect demandant ses codes, elle n'a rien donné
§1§badge d'accès au parking n° {NUM7}
§1§bordereau de dépôt n° {NUM10}
§1§n° d'inscription France Travail à demander au conseiller
§1§l'employeur (SIRET {SIRET}) n'a pas versé le salaire de mars
§1§relevé de compteur : {NUM5} kWh
§2§prochain rdv {DATE} {H} - appeler si empêchement au {TEL}
§1§montant de l'indu : {EUR}, remise de dette demandée
§1§{Mr} a participé à la réunion d'information sur la création d'entreprise
§1§{Mme} a une bonne maîtrise de l'informatique
§1§visite du logement avec le bailleur, fenêtres à changer
§1§aide financière de {EUR} pour l'énergie, accordée
§1§référence du virement {REFVIR}
§1§{Mme} a changé de banque, nouveau RIB à venir
§1§le jeune fait un service civique à la mairie
§1§rendez-vous au commissariat pour déclarer la perte des papiers
§1§{Mme} souhaite passer le permis B, financement CPF
§1§le numéro du SIAO est le 115
§1§bus de {H}, environ une heure de trajet
§1§facture Orange {NUM10} du {DATE}
§1§plateforme téléphonique caf : 3230
§1§aide au remplissage du dossier APL, numéro de dossier à venir
§1§commission du {DATE} : 14 dossiers examinés
§1§{Mr} a pris contact avec un avocat pour son licenciement
§1§signature du bail le {DATE}, dépôt de garantie {EUR}
§1§voisins bruyants, médiation proposée
§1§compte rendu transmis à la conseillère ESF
§1§le conjoint est routier, absent la semaine
§1§la banque a accordé un microcrédit de {EUR}
§1§{Mme} demande une attestation pour sa fille
§1§inscription à la crèche acceptée pour la rentrée
§1§le fils joue au foot en club, très bon esprit d'équipe
§1§{Mr} a laissé le numéro de son ancien employeur : {TEL2}
§2§commande n° {AMZ} jamais livrée, remboursement demandé
§2§n° de suivi La Poste {SUIVI}
§2§immatriculation du véhicule {PLAQUE}
§1§numéro de logement {NUM4}, bâtiment C
§1§{Mme} a payé en espèces au guichet
§2§solde du compte au {DATE} : -{EUR}
§1§IBAN à demander au créancier pour le virement
§1§n° de dossier Banque de France {NUM12}
§1§contrat Engie {NUM12}, PDL {PDL}
§2§n° de commande {NUM13} du {DATE}
§2§n° de sinistre {NUM10}
§1§numero de contrat mutuelle {NUM7}
§1§{Mme} est passée sans rdv à {H}, reçue par la collègue
§1§visite du musée de la résistance avec les jeunes
§1§information collective sur les droits des locataires
§1§{Mr} joue de la guitare dans un groupe de quartier
§1§enceinte du stade fermée, fête reportée
§1§l'école a signalé des absences répétées, rencontre avec la directrice
§1§{Mme} veut se former au métier d'auxiliaire de vie
§1§{Mr} souhaite ouvrir un compte en banque, rdv pris le {DATE}
§1§frais de scolarité : {EUR}, payables en 3 fois
§1§SPI à recopier au prochain RDV, avis d'imposition oublié
§2§ref client {NUM10} - tel service client {TEL2}
§2§n° de téléphone: {TEL} / {TEL2}
§1§{Mme} a bien compris le fonctionnement du compte-nickel
§1§{Mr} a été sélectionné pour le chantier d'insertion espaces verts
§1§rencontre avec la conseillère mission locale le {DATE}
§1§{NUM4} personnes accueillies en 2023 (bilan du service)
§1§{Mme} travaille dans une boulangerie, embauche à {H}
§1§jugement de divorce prononcé, pension alimentaire {EUR}
§1§retard de paiement, lettre de relance n° {NUM10}
§1§chèque énergie de {EUR} reçu
§1§{Mr} a acheté une voiture d'occasion, carte grise à faire sur ANTS
§1§code couleur des bacs de tri expliqué à la famille
§1§la famille adhère à l'association des locataires
§1§{Mme} souhaite déménager plus près de l'école, demande de mutation
§1§{Mr} très poli, ponctuel et investi
§1§dossier complet, transmis le {DATE} à {H}
§1§médiation familiale proposée aux deux parents
§1§{Mme} a fait une demande de carte d'identité en mairie
§1§{Mr} a passé un entretien d'embauche chez un transporteur
§1§{Mme} a gagné un voyage en Grèce à la tombola du centre social
§1§permanence juridique gratuite le {JOUR} après-midi
§1§numéro d'agrément de l'assistante maternelle {NUM10}
§1§récépissé de dépôt du dossier de surendettement reçu
§1§{Mme} est très à l'aise à l'oral, bonne présentation
§1§{Mr} ne se souvient plus de son numéro allocataire, appel à la CAF ensemble
§1§le code d'accès au local vélo est affiché dans le hall
§1§réunion d'équipe : point sur les situations d'impayés
§1§rdv CPAM le {DATE} pour mettre à jour la carte vitale
§1§accompagnement à la banque pour ouvrir un livret A
§1§devis du plombier (SIRET {SIRET}) : {EUR}
§1§devis n° {NUM7} pour le déménagement
§1§le compteur d'eau n° {NUM10} a été remplacé
§1§quittance de loyer n° {NUM7} du mois de {MOIS}
§1§audience d'expulsion locative le {DATE} au tribunal judiciaire
§1§commandement de payer délivré par le commissaire de justice le {DATE}
§1§la voisine garde les enfants le mercredi
§1§{Mr} a gardé son calme pendant tout l'entretien
§1§départ à la retraite prévu en {MOIS}, dossier CARSAT à préparer
§1§l'enfant fait du judo, licence payée avec le pass sport
§1§{Mme} a suivi une formation d'aide-soignante
§1§l'association culturelle portugaise du quartier organise un repas solidaire
§1§fête de fin d'année au centre social avec un buffet africain
§1§{Mme} apprend l'anglais sur une application
§1§{Mme} a été élue déléguée des parents d'élèves
§1§réunion du conseil citoyen du quartier le {DATE}
§1§billets pour un voyage au Sénégal achetés, départ en juillet
§1§{Mme} cherche un logement plus grand, T4 minimum
§1§pas de ressources depuis {MOIS}, aide alimentaire d'urgence accordée
§1§tickets service de {EUR} remis à la famille
§1§{Mr} est ouvert et coopérant, bon contact
§1§la famille a été très accueillante lors de la VAD
§1§jeune autonome, très motivé par l'apprentissage
§1§signature du CER le {DATE}
§1§renouvellement de la demande de logement avant le {DATE}
§1§{Mme} a mis en place un prélèvement mensuel de {EUR} pour la dette
§1§plan d'aide validé, prochaine évaluation dans 6 mois
§1§{Mr} a rendu les clés de l'ancien logement le {DATE}
§1§contrat CDI signé le {DATE}, salaire {EUR} net
§1§la banque réclame {EUR} de frais d'incidents
§1§visite du technicien pour la chaudière le {JOUR}
§1§facture de gaz : {EUR} pour la période de {MOIS}
§1§demande de carte vitale pour le fils de 16 ans
§1§le site impots.gouv était en panne, déclaration reportée
§1§attestation de droits ameli téléchargée avec {Mme}
§1§audience chez le juge des enfants reportée au {DATE}
§1§{Mr} souhaite demander l'aide juridictionnelle pour son divorce
§1§cellule familiale soudée, bonne entente dans la fratrie
§1§{Mme} fait le ménage à la gendarmerie le matin
§1§{Mr} voyage souvent pour son travail de chauffeur international
§1§{Mr} a un bon niveau en français écrit
§1§passage au point conseil budget le {DATE}
§1§{Mme} a réglé sa dette en totalité, dossier clôturé
§1§CNI n° {NUM12} valable jusqu'en 2031
§1§passeport n° {PASSPORT} à renouveler
"""

# ---- credentials corpus templates (hand-written)
CRED = r"""
# ================= Credentials given
Credentials§2§création du compte France Travail avec {Mr}, mot de passe choisi : {PWD}
Credentials§1§{Mme} a noté sur un post-it son mdp ameli : {PWD}
Credentials§1§compte ANTS créé pour le permis, identifiant {EMAIL}, mot de passe {PWD}
Credentials§1§code reçu par SMS pour FranceConnect+ : {CODE6}
Credentials§1§code de confirmation de l'identité numérique La Poste : {CODE6}
Credentials§1§code PIN de la carte SIM : {PIN4}
Credentials§1§code PUK donné par l'opérateur : {PUK}
Credentials§1§mot de passe de la boîte gmail : {PWD}
Credentials§1§{Mr} donne ses identifiants bancaires : n° client {NUM10} code {PIN6}
Credentials§1§code secret de l'application bancaire {PIN6}
Credentials§1§mdp impots.gouv {PWD} ({Mme} l'oublie à chaque fois)
Caf,Credentials§1§espace Mon Compte CAF : n° allocataire {CAF} code confidentiel {CODE8}
Nir,Credentials§1§compte ameli : n° de sécu {NIR} + mot de passe {PWD}
TaxId,Credentials§1§impots.gouv : numéro fiscal {SPI} / mot de passe {PWD}
Credentials§1§question secrète du compte : ville de naissance de la mère -> {SECRET}
Credentials§1§réponse secrète : {ANIMAL}
Credentials§1§identifiant messagerie {EMAIL} mdp {PWD}
Credentials§1§{Mme} m'a donné son code de déverrouillage ({PIN6}) pour que je l'aide à scanner
Credentials§1§code d'activation reçu par courrier pour l'espace particulier : {ACT}
Credentials§1§mot de passe Doctolib {PWD}
Credentials§1§compte MaPrimeRénov : login {EMAIL}, pass {PWD}
Credentials§1§login {LOGIN} / mdp {PWD} pour le site de la banque
Credentials§1§code confidentiel de la carte bancaire : {PIN4}
Credentials§1§{Mr} a communiqué son code personnel France Travail {PIN6}
Credentials§1§mot de passe temporaire ameli reçu par courrier : {CODE8}
Credentials§1§compte Leboncoin pour vendre le canapé : {EMAIL} / {PWD}
Credentials§1§le code pour se connecter à l'appli France Identité est {PIN4}
Credentials§1§nouveau mot de passe après réinitialisation : {PWD}
Credentials§1§code de confirmation envoyé par mail : {CODE6}
Credentials§1§MDP netflix partagé avec le neveu : {PWD}
Credentials§1§ENT du collège : identifiant {LOGIN} mdp {PWD}
Credentials§1§{Mme} me dicte le code reçu sur son téléphone : {CODE6}
Credentials§1§mot de passe espace abonné Free mobile {PWD}
Credentials§1§question de sécurité « prénom du premier enfant » : {PRENOM}
Credentials§1§session du PC prêté par l'asso, mot de passe {PWD}
Credentials§1§MSA en ligne : mot de passe {PWD}
Credentials§1§code double authentification : {CODE6}
Credentials§1§France Travail : identifiant {FTID}, mot de passe {PWD}
Credentials§1§{EMAIL} mdp: {PWD}
Credentials§1§mot de passe ANTS = {PWD}
Credentials§1§code d'accès à l'appli Ma Sécurité : {PIN4}
Credentials§1§compte Orange : {EMAIL}, mot de passe oublié puis recréé : {PWD}
# ================= clean near misses
§1§{Mme} a oublié son mdp ameli, réinitialisation par mail faite en sa présence
§1§accompagnement à la création du compte FranceConnect, {Mme} saisit son mot de passe seule
§1§je n'ai pas noté le mot de passe, {Mr} le garde pour lui
§1§code postal de la nouvelle adresse : {CP}
§1§digicode de l'immeuble {DIGI}
§1§code du portail de la résidence : {DIGI}
§1§code de la route obtenu du premier coup
§1§code promo de {EUR} utilisé sur la facture
§1§code APE de l'employeur {APE}
§1§code couleur des poubelles rappelé
§1§code du travail : préavis de démission d'un mois
§1§code-barres de la facture à scanner chez le buraliste
§1§QR code de l'attestation à présenter à l'accueil
§1§numéro de l'assistance FranceConnect : {TEL2}
§1§{Mme} ne souhaite pas donner ses codes, elle reviendra avec son téléphone
§1§conseil donné : ne jamais communiquer son mot de passe par téléphone
§1§mot de passe trop simple, conseil d'en choisir un plus long
§1§{Mr} a reçu un SMS suspect imitant l'assurance maladie, transféré au 33700
§1§nouvelle carte envoyée par la banque, code PIN reçu par courrier séparé (non communiqué)
§1§compte CAF bloqué après 3 erreurs de mot de passe
§1§atelier numérique : apprendre à créer un mot de passe robuste
§1§l'appli France Identité nécessite la nouvelle carte d'identité
§1§rdv au point numérique de la CAF le {DATE} à {H}
§1§adresse mail de {Mme} : {EMAIL}
§1§{Mr} a créé son adresse mail avec moi ({EMAIL}), il a choisi son mdp seul
§1§code NAF de l'entreprise {APE}
§1§article 371-1 du code civil rappelé aux parents
§1§l'identifiant FranceConnect est celui des impôts, {Mme} le connaît
§1§{Mme} utilise un gestionnaire de mots de passe sur son téléphone
§1§le code reçu par SMS a expiré, nouvelle demande faite par {Mme} elle-même
§1§actualisation France Travail faite en autonomie
§1§téléphone bloqué, {Mme} doit aller en boutique avec sa pièce d'identité
§1§code de cession ANTS à remettre à l'acheteur du véhicule, {Mr} le fera lui-même
§1§{Mme} s'est connectée elle-même à l'espace ANTS pour déposer les justificatifs
§1§hotline impots : {TEL2}
§1§code wifi de la médiathèque affiché à l'accueil
§1§timbre fiscal électronique n° {TIMBRE}
§1§numéro de pré-demande ANTS {PREDEM}
§1§mot de passe du compte ameli modifié par {Mr} lui-même sur son téléphone
§1§FranceConnect via La Poste, {Mme} tape son code seule
§1§{Mr} a perdu son téléphone, impossible de recevoir le code de validation
"""



def parse(block):
    out = []
    for ln in block.strip("\n").split("\n"):
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        exp, n, tpl = ln.split("§", 2)
        cats = [c for c in exp.split(",") if c]
        for c in cats:
            assert c in CATS, (c, ln)
        out.append((tuple(sorted(cats, key=CATS.index)), int(n), tpl))
    tpls = [t for _, _, t in out]
    dup = [t for t, k in Counter(tpls).items() if k > 1]
    assert not dup, dup
    return out


PH = re.compile(r"\{(\w+)\}")
SEEN = set()


def render(cats, tpl):
    for attempt in range(300):
        ctx = Ctx()
        must, mustnot = set(), set()

        def rep(m):
            k = m.group(1)
            if k not in GEN:
                raise KeyError("unknown placeholder %s in %r" % (k, tpl))
            if k in MUST:
                must.add(MUST[k])
            if k in MUSTNOT:
                mustnot.add(MUSTNOT[k])
            return GEN[k](ctx)

        s = noise(PH.sub(rep, tpl))
        if "\t" in s or "\n" in s or s in SEEN:
            continue
        found = {"nir": find_nir(s), "card": find_card(s), "iban": find_iban(s), "rib": find_rib(s)}
        ok = True
        for k in must:
            if not found[k]:
                ok = False
        for k in mustnot:
            if found[k]:
                ok = False
        if "Nir" not in cats and found["nir"]:
            ok = False
        if "PaymentCard" not in cats and found["card"]:
            ok = False
        if "Iban" not in cats and (found["iban"] or found["rib"]):
            ok = False
        if ok:
            SEEN.add(s)
            return s
    raise RuntimeError("cannot render %r" % tpl)


def build(block):
    rows = []
    for cats, n, tpl in parse(block):
        for _ in range(n):
            rows.append((",".join(cats), render(cats, tpl), tpl))
    return rows


def write_tsv(path, rows, comment):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# " + comment + "\n")
        for exp, text, _ in rows:
            f.write(exp + "\t" + text + "\n")


def check_file(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    assert lines[0].startswith("#")
    texts = set()
    for ln in lines[1:]:
        if not ln:
            continue
        assert ln.count("\t") == 1, ln
        exp, text = ln.split("\t")
        for c in [c for c in exp.split(",") if c]:
            assert c in CATS, ln
        assert text not in texts, ln
        texts.add(text)
    return texts


def stats(rows):
    c = Counter()
    clean = 0
    for exp, _, _ in rows:
        if not exp:
            clean += 1
        for k in exp.split(","):
            if k:
                c[k] += 1
    return c, clean


DEBATABLE = [
    ("`titre de séjour n° / récépissé n° / AGDREF` + 10 digits, no status word → **Agdref only**",
     "the number is the identifier; Nationality is added only when a status or nationality word is present (\"sous récépissé\", \"protection subsidiaire\", \"ivoirien\", \"demande d'asile\")."),
    ("`n° étranger …, Mme sous récépissé depuis …` → **Agdref, Nationality**",
     "\"sous récépissé\" states a residence status, not only a document."),
    ("`carte ADA (allocation pour demandeur d'asile) n° <card>` → **PaymentCard, Nationality**",
     "the benefit name spells out the asylum status."),
    ("`carte <card> code pin 1234` / `code confidentiel de la carte bancaire : 1234` → **Credentials** (+PaymentCard)",
     "a card PIN is a PIN even though it is not an online account."),
    ("`code PUK donné par l'opérateur : 8 digits` → **Credentials**",
     "secret unlock code of the person's phone, treated like a PIN."),
    ("`code d'activation reçu par courrier pour l'espace particulier` → **Credentials**",
     "one-time secret that opens the online tax account."),
    ("`digicode`, `code du portail de la résidence`, `code wifi de la médiathèque` → **clean**",
     "door and public codes are not a person's account credentials (rule: door codes are clean)."),
    ("e-mail address alone (`adresse mail de Mme : x@y.fr`) → **clean**",
     "an address without a password is not one of the 12 categories."),
    ("`n° de pré-demande ANTS`, `code de cession ANTS` (no value) → **clean**",
     "procedure references, not secrets of an account."),
    ("`Mme de nationalité française` → **Nationality**",
     "the rule says \"a nationality\", French included."),
    ("`Mme vit en couple avec une femme depuis 5 ans` → **SpecialCategory**",
     "reveals sexual orientation indirectly."),
    ("`ne mange pas de porc pour des raisons religieuses` → **SpecialCategory**",
     "religious practice, explicitly motivated."),
    ("`cambriolage chez Mme, plainte déposée au commissariat` → **Offence**",
     "offence data even when the person is the victim (CNIL reading of art. 10 / loi I&L art. 46)."),
    ("`SMS suspect demandant ses codes, elle n'a rien donné` → **clean**",
     "no credential given and no offence established."),
    ("`agent d'entretien à la maison d'arrêt`, `agent de service à l'hôpital`, `ménage à la gendarmerie` → **clean**",
     "a workplace, not detention or hospitalisation of the person."),
    ("`Mme bénéficie de la complémentaire santé solidaire` → **clean**",
     "means-tested insurance, reveals income not health."),
    ("`numéro de dossier MDPH <10 digits>` / `dossier MDPH : formulaire récupéré` → **clean**; AAH, AEEH, PCH, RQTH, invalidité → **Health**",
     "follows the rule (\"dossier MDPH à déposer\" is clean, disability benefits are Health)."),
    ("`mauvaise mère selon la voisine` → **Judgement**",
     "a stigmatising label written in the file, even as reported speech."),
    ("`délinquant notoire, aucune volonté de s'en sortir` → **Judgement, Offence**",
     "label + implied offences."),
    ("`obligation de soins en addictologie suite à une condamnation` → **Health, Offence**",
     "penal measure that reveals an addiction."),
    ("`jeune suivi par la PJJ suite à des dégradations` → **Offence**",
     "PJJ follow-up after an offence (penal side of PJJ)."),
    ("`TS en octobre, hospitalisé 3 jours` → **Health**",
     "\"TS\" = tentative de suicide in social-work shorthand."),
    ("`Secours catholique`, `association culturelle portugaise`, `buffet africain`, `restaurant libanais`, `voyage au Sénégal` → **clean**",
     "organisation, food or travel, not the person's religion / origin / nationality."),
    ("`juge des enfants`, `juge aux affaires familiales`, `audience d'expulsion locative`, `commandement de payer`, `aide juridictionnelle pour son divorce` → **clean**",
     "civil justice, not penal."),
    ("`référence de l'avis d'imposition 2375A12345678` → **clean**",
     "not the SPI (contains a letter, no fiscal-number words)."),
    ("`timbre fiscal électronique n° <16 digits starting with 1>` → **clean**",
     "neither a tax number nor a card (no card prefix)."),
    ("15-digit NIR-shaped number with a wrong key and no NIR words (`série inscrite sur le ticket : …`) → **clean**; same with NIR words (`NIR …`, `n° de sécu …`) → **Nir**",
     "as required by the rule; only a couple of such clean lines."),
    ("16 digits failing Luhn with no card words (`n° de suivi de la commande …`) → **clean**",
     "as required by the rule; two lines only."),
    ("13 first NIR digits without key after `secu` / `carte vitale` / `NIR du conjoint … (clé manquante)` → **Nir**",
     "the rule accepts the 13 digits alone after naming words."),
    ("13-digit numbers (`ref dossier surendettement`, `colis numéro`, social-housing request number) with no fiscal or NIR words → **clean**",
     "shape of a SPI/NIR prefix but no introducing words."),
    ("`CNI n° …`, `passeport n° …`, `Mme … née le <date>` → **clean**",
     "identity document numbers and birth dates are not among the 12 categories."),
    ("RIB/IBAN of the landlord (`RIB du propriétaire …`) → **Iban**",
     "bank details are flagged whoever owns the account."),
    ("`banque en ligne : identifiant <10 digits>, code secret <6 digits>` → **Credentials** (not Caf/Agdref)",
     "a bank login; the 10-digit login has no AGDREF words."),
]


def write_readme(report):
    lines = []
    lines.append("# Held-out corpus for the Discret *garde de sobriété*\n")
    lines.append("Written **only from the textual rule** given in the brief: nothing under `src/`, `bench/` or `tests/` "
                 "was read or searched (no guard code, no lexicon, no existing corpus).\n")
    lines.append("## Files\n")
    lines.append("- `make_heldout.py` – the generator (hand-written templates inside, `SEED = %d`, deterministic: "
                 "running it again rewrites byte-identical files).\n"
                 "- `corpus-heldout.tsv` – main corpus.\n"
                 "- `credentials-heldout.tsv` – online accounts / digital help corpus.\n"
                 "- `README.md` – this file (also rewritten by the generator).\n" % SEED)
    lines.append("Format of both TSV files: first line is a `#` comment, then `expected<TAB>text`, "
                 "where `expected` is a comma-separated list of categories among "
                 "Nir, Caf, Agdref, Iban, PaymentCard, TaxId, Credentials, Health, Judgement, SpecialCategory, "
                 "Nationality, Offence (empty = clean, the text must be accepted without any warning).\n")
    lines.append("## How it was made\n")
    lines.append("* Each template line is `EXPECTED§COUNT§TEXT` with placeholders (`{NIR}`, `{IBAN}`, `{CB}`, `{TEL}`, `{DATE}`, …). "
                 "Templates imitate real case notes: abbreviations (Mr, Mme, RDV, VAD, n°, num, no, tel), missing accents, "
                 "lowercase, telegraphic style. A noise step also strips accents (22 %) or lowercases the first word (20 %).\n"
                 "* Names are invented from syllables (`surname()`), e-mails and passwords are built from invented words; "
                 "no real person.\n"
                 "* Identifiers are computed: NIR (sex 1/2, 3/7/8 for provisional numbers, months 01–12, 20–42, 50–99, "
                 "departments 01–95, 2A/2B with the 19/18 substitution, 97x, 99 + country), key = 97 − (13 digits mod 97); "
                 "written grouped, compact, with dots, dashes, slashes, commas, underscores, irregular groups, full-width digits, "
                 "key set apart (` - 27`, ` clé 27`, ` (27)`), or only the 13 digits after NIR words; a few 15-digit numbers with "
                 "a deliberately wrong key. IBAN for FR, MC, DE, BE, ES, IT, PT, NL, GB, LU, CH, TN, PL, RO with ISO 13616 mod-97 "
                 "(groups of 4, compact, lowercase, `FR 76 …`, dashes); French RIB with the 89/15/3 key and the letter table "
                 "(accounts sometimes contain a letter), labelled or not. Cards: Visa 4…, Mastercard 51–55 and 2221–2720, Luhn, "
                 "various groupings. CAF 7 digits (optional trailing letter, `3 000 309` spacing), AGDREF 10 digits, SPI 13 digits "
                 "starting 0–3. Near misses: phones (spaced, compact, dotted, +33), dates, times, amounts, postal codes, SIREN/SIRET "
                 "(Luhn-valid, 9/14 digits), PDL/PCE, 7/10/12/13/14-digit references, social-housing numbers, parcel numbers, "
                 "Amazon-style order numbers, plates, 16-digit stamp numbers, wrong-Luhn and wrong-key numbers.\n"
                 "* Validation (the script aborts otherwise): exactly one TAB per line, only the 12 names, no duplicate text "
                 "within or across the two files; every placeholder that must carry a valid NIR / IBAN / RIB / card is detected by an "
                 "independent checker; wrong-checksum placeholders are not detected; and in every sentence that does not "
                 "expect Nir, PaymentCard or Iban, digit chains are joined across separators (space . - / , _ parentheses, up to 3 "
                 "characters) and **every** 15-char window is tested for a valid NIR, every 16-digit window for a Luhn-valid "
                 "Visa/Mastercard number, every 23-char window for a valid RIB key, and every country-code start for a valid IBAN "
                 "(registry lengths). A sentence failing a check is regenerated with new random values.\n")
    lines.append("## Counts\n")
    lines.append("```\n" + "\n".join(report) + "\n```\n")
    lines.append("Counts per category are numbers of sentences whose expected set contains the category "
                 "(multi-label sentences count once per category).\n")
    lines.append("## Debatable verdicts (choices made, one-line reason each)\n")
    for i, (what, why) in enumerate(DEBATABLE, 1):
        lines.append("%d. %s — %s" % (i, what, why))
    lines.append("")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    main_rows = build(MAIN)
    cred_rows = build(CRED)
    write_tsv(os.path.join(HERE, "corpus-heldout.tsv"), main_rows,
              "Discret held-out corpus (generated by make_heldout.py, seed %d). Format: expected<TAB>text; expected = comma-separated categories, empty = clean." % SEED)
    write_tsv(os.path.join(HERE, "credentials-heldout.tsv"), cred_rows,
              "Discret held-out credentials corpus (generated by make_heldout.py, seed %d). Format: expected<TAB>text." % SEED)
    t1 = check_file(os.path.join(HERE, "corpus-heldout.tsv"))
    t2 = check_file(os.path.join(HERE, "credentials-heldout.tsv"))
    assert not (t1 & t2), t1 & t2
    c1, k1 = stats(main_rows)
    c2, k2 = stats(cred_rows)
    ntpl1 = len(parse(MAIN))
    ntpl2 = len(parse(CRED))
    report = []
    report.append("corpus-heldout.tsv: %d sentences, %d templates, %d clean (%.0f %%)" % (len(main_rows), ntpl1, k1, 100.0 * k1 / len(main_rows)))
    for cat in CATS:
        report.append("  %-16s %d" % (cat, c1[cat]))
    report.append("credentials-heldout.tsv: %d sentences, %d templates, %d clean, %d Credentials" % (len(cred_rows), ntpl2, k2, c2["Credentials"]))
    for cat in CATS:
        if c2[cat]:
            report.append("  %-16s %d" % (cat, c2[cat]))
    multi = sum(1 for e, _, _ in main_rows + cred_rows if "," in e)
    report.append("multi-label sentences (both files): %d" % multi)
    print("\n".join(report))
    write_readme(report)
    # hard requirements
    assert len(main_rows) >= 400 and ntpl1 >= 250
    assert all(c1[c] >= 20 for c in CATS), c1
    assert 0.35 <= k1 / len(main_rows) <= 0.45
    assert len(cred_rows) >= 70 and c2["Credentials"] >= 35


if __name__ == "__main__":
    main()
